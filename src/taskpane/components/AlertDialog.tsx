import type { ReactNode } from "react";
import {
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";

/** A modal question the pane asks before going on: closing it (Escape) counts as `onDismiss`. */
export function AlertDialog(props: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  actions: ReactNode;
  onDismiss: () => void;
}) {
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onDismiss()} modalType="alert">
      <DialogSurface aria-describedby={props.id}>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent id={props.id}>{props.children}</DialogContent>
          <DialogActions>{props.actions}</DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
