import { Button } from "@fluentui/react-components";
import type { ClashChoice } from "../../app/insertSheets";
import { AlertDialog } from "./AlertDialog";

/** Asks what to do with sheets that already exist; nothing is ever overwritten or deleted. */
export default function ClashDialog(props: {
  clashes: string[];
  onChoose: (choice: ClashChoice | null) => void;
}) {
  const { clashes } = props;
  return (
    <AlertDialog
      id="clash-text"
      title="Some sheets already exist"
      onDismiss={() => props.onChoose(null)}
      actions={
        <>
          <Button appearance="primary" onClick={() => props.onChoose("update")}>
            Update existing
          </Button>
          <Button onClick={() => props.onChoose("rename")}>Insert renamed copies</Button>
          <Button onClick={() => props.onChoose(null)}>Cancel</Button>
        </>
      }
    >
      {clashes.join(", ")} {clashes.length === 1 ? "is" : "are"} already in this workbook. Update adds
      anything missing and keeps every value you have typed. Rename inserts fresh copies alongside them.
      Nothing is deleted either way.
    </AlertDialog>
  );
}
