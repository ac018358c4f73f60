import { useId, useMemo, useState } from "react";
import { Button, Checkbox, Input, Label, Text, makeStyles, tokens } from "@fluentui/react-components";
import { AuthorityPicker } from "./AuthorityPicker";
import { groupBox } from "./styles";

export interface AreaOption {
  value: string;
  count: number;
  name?: string;
}

const useStyles = makeStyles({
  root: { ...groupBox, gap: tokens.spacingVerticalXS },
  list: { display: "flex", flexDirection: "column", maxHeight: "180px", overflowY: "auto" },
});

const MAX_SHOWN = 12;

const labelOf = (o: AreaOption) =>
  `${o.value}${o.name ? ` – ${o.name}` : ""} (${o.count.toLocaleString("en-GB")})`;

/**
 * A searchable checkbox list: the chosen areas first, then up to MAX_SHOWN
 * matches for the search text (code or name), with a button to select every
 * match. Areas already in another set are left out. With `byAuthority`, every
 * area of a local authority can be added in one choice.
 */
export function AreaPicker(props: {
  legend: string;
  idBase: string;
  options: AreaOption[];
  selected: string[];
  taken: ReadonlySet<string>;
  onChange: (next: string[]) => void;
  disabled?: boolean;
  /** Areas by local authority (from their names), to add a whole authority at once. */
  byAuthority?: ReadonlyMap<string, readonly string[]>;
}) {
  const styles = useStyles();
  const searchId = useId();
  const [query, setQuery] = useState("");
  const byValue = useMemo(() => new Map(props.options.map((o) => [o.value, o])), [props.options]);
  const chosen = new Set(props.selected);
  const q = query.trim().toLowerCase();
  const matching = props.options.filter(
    (o) =>
      !chosen.has(o.value) &&
      !props.taken.has(o.value) &&
      (q === "" || o.value.toLowerCase().includes(q) || (o.name ?? "").toLowerCase().includes(q)),
  );
  const matches = matching.slice(0, MAX_SHOWN);
  const toggle = (v: string, on: boolean) =>
    props.onChange(on ? [...props.selected, v] : props.selected.filter((x) => x !== v));
  const selectAll = () => props.onChange([...props.selected, ...matching.map((o) => o.value)]);

  return (
    <fieldset className={styles.root} disabled={props.disabled} data-testid={`${props.idBase}-picker`}>
      <legend>
        {props.legend} ({props.selected.length} chosen)
      </legend>
      <Label htmlFor={searchId} size="small">
        Search {props.legend.toLowerCase()} by code or name
      </Label>
      <Input
        id={searchId}
        type="search"
        size="small"
        value={query}
        onChange={(_, d) => setQuery(d.value)}
        disabled={props.disabled}
      />
      {q !== "" && matching.length > 0 && (
        <div>
          <Button size="small" onClick={selectAll} disabled={props.disabled}>
            {matching.length === 1
              ? "Select the 1 match"
              : `Select all ${matching.length.toLocaleString("en-GB")} matches`}
          </Button>
        </div>
      )}
      {props.byAuthority && (
        <AuthorityPicker
          legend={props.legend}
          byAuthority={props.byAuthority}
          selected={props.selected}
          taken={props.taken}
          onChange={props.onChange}
          disabled={props.disabled}
        />
      )}
      <div className={styles.list} role="group" aria-label={`${props.legend}: chosen and matching areas`}>
        {props.selected.map((v) => {
          const o = byValue.get(v) ?? { value: v, count: 0 };
          return (
            <Checkbox
              key={v}
              size="medium"
              label={labelOf(o)}
              checked
              onChange={(_, d) => toggle(v, d.checked === true)}
              disabled={props.disabled}
            />
          );
        })}
        {matches.map((o) => (
          <Checkbox
            key={o.value}
            label={labelOf(o)}
            checked={false}
            onChange={(_, d) => toggle(o.value, d.checked === true)}
            disabled={props.disabled}
          />
        ))}
        {matches.length === 0 && q !== "" && <Text size={200}>No other areas match “{query}”.</Text>}
        {q !== "" && matching.length > matches.length && (
          <Text size={200}>
            {(matching.length - matches.length).toLocaleString("en-GB")} more match; narrow the search to see
            them.
          </Text>
        )}
      </div>
    </fieldset>
  );
}
