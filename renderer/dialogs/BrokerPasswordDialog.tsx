import { KeyRound } from 'lucide-react';
import { useId, useState } from 'react';
import { Dialog } from './Dialog';
import { usePasswordPromptStore } from './usePasswordPromptStore';

/**
 * The external broker's password, asked when Run starts: a password field (never shown as
 * typed), kept in memory until the page closes; in the desktop app it may also go to the OS
 * keychain. It never goes into the flow file.
 */
export function BrokerPasswordDialog() {
  const request = usePasswordPromptStore((s) => s.request);
  if (!request) return null;
  return <PasswordForm key={`${request.url}\n${request.username}`} />;
}

function PasswordForm() {
  const request = usePasswordPromptStore((s) => s.request);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const passwordId = useId();
  const rememberId = useId();
  if (!request) return null;
  const cancel = () => request.answer(null);
  const submit = () => request.answer({ password, remember: request.canRemember && remember });
  return (
    <Dialog
      title="Broker password"
      onClose={cancel}
      testId="broker-password-dialog"
      footer={
        <>
          <button type="button" className="ef-button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" form="ef-broker-password" className="ef-button ef-button--primary">
            {request.action ?? 'Run'}
          </button>
        </>
      }
    >
      <form
        id="ef-broker-password"
        className="ef-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="ef-password__intro">
          <KeyRound size={16} aria-hidden />
          <span>
            <b>{request.username}</b> at <code>{request.url}</code>
          </span>
        </p>
        <div className="ef-field">
          <label className="ef-field__label" htmlFor={passwordId}>
            Password
          </label>
          <input
            id={passwordId}
            type="password"
            className="ef-input"
            autoComplete="current-password"
            value={password}
            data-autofocus
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {request.canRemember ? (
          <div className="ef-field ef-field--check">
            <input id={rememberId} type="checkbox" className="ef-check" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            <label htmlFor={rememberId} className="ef-field__label ef-field__label--check">
              Remember
            </label>
            <div className="ef-field__hint ef-field__hint--check">{rememberHint(request.remembers)}</div>
          </div>
        ) : (
          <p className="ef-muted ef-password__note">Kept in memory until you close this page; never saved in the flow file.</p>
        )}
      </form>
    </Dialog>
  );
}

/** Where Remember keeps the password, as the desktop app said: never a keychain it does not have. */
function rememberHint(remembers: 'keychain' | 'session' | undefined): string {
  if (remembers === 'keychain') return "In the operating system's keychain, for this broker and user";
  if (remembers === 'session') return 'Until EventFlow Studio quits (no keychain is available on this computer), for this broker and user';
  return "In the operating system's keychain if there is one, else until EventFlow Studio quits";
}
