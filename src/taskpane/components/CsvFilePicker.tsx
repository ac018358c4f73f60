import type { ReactNode } from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  file: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

/** A labelled chooser of CSV files with its hint; `onFiles` hears only a choice of at least one file. */
export function CsvFilePicker(props: {
  id: string;
  label: string;
  hint: ReactNode;
  multiple?: boolean;
  disabled: boolean;
  onFiles: (files: File[]) => void;
  /** File types offered (default: CSV files). */
  accept?: string;
}) {
  const styles = useStyles();
  return (
    <div className={styles.file}>
      <label htmlFor={props.id}>
        <Text weight="semibold">{props.label}</Text>
      </label>
      <input
        id={props.id}
        type="file"
        accept={props.accept ?? ".csv,text/csv"}
        multiple={props.multiple}
        disabled={props.disabled}
        aria-describedby={`${props.id}-hint`}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          if (files.length) props.onFiles(files);
        }}
      />
      <Text size={200} id={`${props.id}-hint`}>
        {props.hint}
      </Text>
    </div>
  );
}
