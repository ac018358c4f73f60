import { Checkbox, Text } from "@fluentui/react-components";
import type { Operation } from "../../core/operation";
import { AreaPicker, type AreaOption } from "./AreaPicker";

/** The target, buffer and control areas, picked from the areas in the data. */
export function AreaChoices(props: {
  options: AreaOption[];
  operation: Operation;
  setOperation: (op: Operation) => void;
  restOfForce: boolean;
  setRestOfForce: (on: boolean) => void;
  /** How many areas "every other area in the data" is: all but the target and buffer. */
  everyOtherArea: number;
  /** Areas by local authority, so the buffer or control can be a whole authority. */
  byAuthority: ReadonlyMap<string, readonly string[]>;
  disabled: boolean;
}) {
  const { options, operation, setOperation, disabled } = props;
  const target = operation.targetAreas;
  const buffer = operation.bufferAreas;
  return (
    <>
      <AreaPicker
        legend="Target areas"
        idBase="target"
        options={options}
        selected={target}
        taken={new Set(buffer)}
        onChange={(targetAreas) => setOperation({ ...operation, targetAreas })}
        disabled={disabled}
      />
      <AreaPicker
        legend="Buffer areas"
        idBase="buffer"
        options={options}
        selected={buffer}
        taken={new Set(target)}
        onChange={(bufferAreas) => setOperation({ ...operation, bufferAreas })}
        disabled={disabled}
        byAuthority={props.byAuthority}
      />
      <Text size={200}>
        Target and buffer areas chosen here also fill in the Operation step; save it there to record them on
        the Operation sheet.
      </Text>
      <Checkbox
        label={`Control: every other area in the data (${props.everyOtherArea.toLocaleString("en-GB")} areas)`}
        checked={props.restOfForce}
        onChange={(_, d) => props.setRestOfForce(d.checked === true)}
        disabled={disabled}
      />
      {!props.restOfForce && (
        <AreaPicker
          legend="Control areas"
          idBase="control"
          options={options}
          selected={operation.controlAreas}
          taken={new Set([...target, ...buffer])}
          onChange={(controlAreas) => setOperation({ ...operation, controlAreas })}
          disabled={disabled}
          byAuthority={props.byAuthority}
        />
      )}
    </>
  );
}
