/** The drag-and-drop type a palette item carries (its preset id); the canvas accepts only it. */
export const PRESET_DRAG_TYPE = 'application/x-eventflow-preset';
