/** The arrowheads channels end in, one per look; coloured by CSS so both themes follow. */
export function EdgeMarkers() {
  return (
    <svg className="ef-markers" aria-hidden width="0" height="0">
      <defs>
        {(['plain', 'selected', 'dead'] as const).map((variant) => (
          <marker
            key={variant}
            id={`ef-arrow-${variant}`}
            viewBox="0 0 12 12"
            refX="10"
            refY="6"
            markerWidth="12"
            markerHeight="12"
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
          >
            <path d="M 1 1.5 L 10.5 6 L 1 10.5 z" className={`ef-marker ef-marker--${variant}`} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
