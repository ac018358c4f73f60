import { Checkbox, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Choice } from "../../app/incidentChoices";
import { groupBox } from "./styles";

const useStyles = makeStyles({
  fieldset: { ...groupBox, gap: tokens.spacingVerticalXS },
  types: { display: "flex", flexDirection: "column", maxHeight: "220px", overflowY: "auto" },
});

/** The offence types to count, each with its rows in the periods; none ticked counts every type. */
export function OffenceTypeChoices(props: {
  options: Choice[];
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  disabled: boolean;
}) {
  const styles = useStyles();
  const { chosen } = props;
  return (
    <fieldset className={styles.fieldset}>
      <legend>Offence types ({chosen.size === 0 ? "all" : `${chosen.size} chosen`})</legend>
      <div className={styles.types}>
        {props.options.map((t) => (
          <Checkbox
            key={t.value}
            label={`${t.value} (${t.count.toLocaleString("en-GB")})`}
            checked={chosen.has(t.value)}
            onChange={(_, d) => {
              const next = new Set(chosen);
              if (d.checked) next.add(t.value);
              else next.delete(t.value);
              props.onChange(next);
            }}
            disabled={props.disabled}
          />
        ))}
      </div>
      <Text size={200}>Tick none to count every type.</Text>
    </fieldset>
  );
}
