import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import type { ClashChoice } from "../../app/insertSheets";

/** Asks what to do with sheets that already exist; nothing is ever overwritten or deleted. */
export default function ClashDialog(props: {
  clashes: string[];
  onChoose: (choice: ClashChoice | null) => void;
}) {
  const { clashes } = props;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onChoose(null)} modalType="alert">
      <DialogSurface aria-describedby="clash-text">
        <DialogBody>
          <DialogTitle>Some sheets already exist</DialogTitle>
          <DialogContent id="clash-text">
            {clashes.join(", ")} {clashes.length === 1 ? "is" : "are"} already in this workbook. Update adds
            anything missing and keeps every value you have typed. Rename inserts fresh copies alongside them.
            Nothing is deleted either way.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => props.onChoose("update")}>
              Update existing
            </Button>
            <Button onClick={() => props.onChoose("rename")}>Insert renamed copies</Button>
            <Button onClick={() => props.onChoose(null)}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
