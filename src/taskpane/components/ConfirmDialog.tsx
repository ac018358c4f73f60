import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";

/** Asks before something that cannot be undone from the pane; the safe choice is the default. */
export default function ConfirmDialog(props: {
  title: string;
  lead: string;
  items: string[];
  after: string;
  confirm: string;
  onChoose: (confirmed: boolean) => void;
}) {
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onChoose(false)} modalType="alert">
      <DialogSurface aria-describedby="confirm-text">
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent id="confirm-text">
            <p style={{ margin: 0 }}>{props.lead}</p>
            <ul style={{ margin: "4px 0", paddingLeft: "1.2em" }}>
              {props.items.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
            <p style={{ margin: 0 }}>{props.after}</p>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => props.onChoose(false)}>Keep the form</Button>
            <Button appearance="primary" onClick={() => props.onChoose(true)}>
              {props.confirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
