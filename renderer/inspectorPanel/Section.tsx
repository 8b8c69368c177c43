import type { ReactNode } from 'react';

/** A titled group of fields in the inspector. */
export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="ef-section" aria-label={title}>
      <header className="ef-section__header">
        <h3 className="ef-section__title">{title}</h3>
        {actions}
      </header>
      <div className="ef-section__body">{children}</div>
    </section>
  );
}
