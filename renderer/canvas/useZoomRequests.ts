import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useCanvasStore } from '../design/useCanvasStore';

/** How long a menu zoom animates, in ms (short: it answers a key press). */
const ZOOM_DURATION_MS = 150;

/** Zoom the canvas when asked from outside it (the desktop View menu), like its own controls. */
export function useZoomRequests(): void {
  const flow = useReactFlow();
  const request = useCanvasStore((s) => s.zoomRequest);
  const done = useRef(request.seq);
  useEffect(() => {
    if (request.seq === done.current) return;
    done.current = request.seq;
    const options = { duration: ZOOM_DURATION_MS };
    if (request.direction === 'in') void flow.zoomIn(options);
    else if (request.direction === 'out') void flow.zoomOut(options);
    else void flow.zoomTo(1, options);
  }, [request, flow]);
}
