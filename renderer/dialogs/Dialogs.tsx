import { useFileStore } from '../files/useFileStore';
import { LoadErrorsDialog } from './LoadErrorsDialog';
import { NewDialog } from './NewDialog';
import { OpenDialog } from './OpenDialog';
import { SaveAsDialog } from './SaveAsDialog';

/** Whichever file dialog is open, and the load-errors dialog on top of it. */
export function Dialogs() {
  const dialog = useFileStore((s) => s.dialog);
  return (
    <>
      {dialog === 'new' && <NewDialog />}
      {dialog === 'open' && <OpenDialog />}
      {dialog === 'saveAs' && <SaveAsDialog />}
      <LoadErrorsDialog />
    </>
  );
}
