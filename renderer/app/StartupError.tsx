import { Workflow } from 'lucide-react';

/** What the page shows when it cannot reach a host at all: never a blank screen. */
export function StartupError({ message }: { message: string }) {
  return (
    <div className="ef-startup-error" role="alert">
      <span className="ef-brand__mark" aria-hidden>
        <Workflow size={20} />
      </span>
      <h1>EventFlow Studio could not start</h1>
      <p>{message}</p>
    </div>
  );
}
