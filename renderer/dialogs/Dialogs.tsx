import { useFileStore } from '../files/useFileStore';
import { BrokerPasswordDialog } from './BrokerPasswordDialog';
import { LoadErrorsDialog } from './LoadErrorsDialog';
import { NewDialog } from './NewDialog';
import { OpenDialog } from './OpenDialog';
import { SaveAsDialog } from './SaveAsDialog';

/** Whichever file dialog is open, the load-errors dialog on top of it, and the broker password when Run asks. */
export function Dialogs() {
  const dialog = useFileStore((s) => s.dialog);
  return (
    <>
      {dialog === 'new' && <NewDialog />}
      {dialog === 'open' && <OpenDialog />}
      {dialog === 'saveAs' && <SaveAsDialog />}
      <LoadErrorsDialog />
      <BrokerPasswordDialog />
    </>
  );
}
