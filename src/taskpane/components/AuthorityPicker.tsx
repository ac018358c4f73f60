import { useId, useState } from "react";
import { Button, Label, Select, makeStyles, tokens } from "@fluentui/react-components";
import { authorityAreas } from "../../core/authorities";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

/**
 * "Every area in <authority>": adds all of an authority's areas in the data
 * (less those taken by another set) to a pick-list in one choice.
 */
export function AuthorityPicker(props: {
  legend: string;
  byAuthority: ReadonlyMap<string, readonly string[]>;
  selected: readonly string[];
  taken: ReadonlySet<string>;
  onChange: (next: string[]) => void;
  disabled?: boolean;
}) {
  const styles = useStyles();
  const id = useId();
  const [authority, setAuthority] = useState("");
  if (props.byAuthority.size === 0) return null;
  const add = () => {
    if (!authority) return;
    const chosen = new Set(props.selected);
    const more = authorityAreas(props.byAuthority, authority, props.taken).filter((c) => !chosen.has(c));
    props.onChange([...props.selected, ...more]);
    setAuthority("");
  };
  return (
    <div className={styles.row}>
      <Label htmlFor={id} size="small">
        Add every area in
      </Label>
      <Select
        id={id}
        size="small"
        value={authority}
        onChange={(_, d) => setAuthority(d.value)}
        disabled={props.disabled}
        aria-label={`${props.legend}: add every area in an authority`}
      >
        <option value="">Choose an authority</option>
        {[...props.byAuthority].map(([a, areas]) => (
          <option key={a} value={a}>
            {a} ({areas.length.toLocaleString("en-GB")} areas)
          </option>
        ))}
      </Select>
      <Button size="small" onClick={add} disabled={props.disabled || !authority}>
        Add areas
      </Button>
    </div>
  );
}
