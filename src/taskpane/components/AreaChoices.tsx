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
  /** The areas the count would use as the control. */
  controlAreas: readonly string[];
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
      />
      <Text size={200}>
        Target and buffer areas chosen here also fill in the Operation step; save it there to record them on
        the Operation sheet.
      </Text>
      <Checkbox
        label={`Control: every other area in the data (${props.controlAreas.length.toLocaleString("en-GB")} areas)`}
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
        />
      )}
    </>
  );
}
