import { Button } from "@fluentui/react-components";
import { AlertDialog } from "./AlertDialog";

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
    <AlertDialog
      id="confirm-text"
      title={props.title}
      onDismiss={() => props.onChoose(false)}
      actions={
        <>
          <Button onClick={() => props.onChoose(false)}>Keep the form</Button>
          <Button appearance="primary" onClick={() => props.onChoose(true)}>
            {props.confirm}
          </Button>
        </>
      }
    >
      <p style={{ margin: 0 }}>{props.lead}</p>
      <ul style={{ margin: "4px 0", paddingLeft: "1.2em" }}>
        {props.items.map((t) => (
          <li key={t}>{t}</li>
        ))}
      </ul>
      <p style={{ margin: 0 }}>{props.after}</p>
    </AlertDialog>
  );
}
