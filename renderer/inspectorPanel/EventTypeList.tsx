import { useShallow } from 'zustand/react/shallow';
import { useDesignStore } from '../design/useDesignStore';

/** The id of the datalist that offers the declared event types to every event-type field. */
export const EVENT_TYPE_LIST_ID = 'ef-event-types';

/** The declared event types as suggestions for event-type fields. */
export function EventTypeList() {
  const names = useDesignStore(useShallow((s) => s.doc.eventTypes.map((t) => t.name)));
  return (
    <datalist id={EVENT_TYPE_LIST_ID}>
      {names.map((n) => (
        <option key={n} value={n} />
      ))}
    </datalist>
  );
}
