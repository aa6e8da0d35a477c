interface BreadcrumbsProps {
  path: readonly string[];
  /** Zooms to the path's first `length` frames (0: the whole profile). */
  onZoomTo: (length: number) => void;
}

/** The zoom path, each crumb a way back out to that frame. */
export function Breadcrumbs({ path, onZoomTo }: BreadcrumbsProps) {
  return (
    <nav aria-label="Zoom path" className="flame-crumbs">
      <ol>
        <li>
          {path.length === 0 ? (
            <span aria-current="location">All samples</span>
          ) : (
            <button type="button" className="flame-crumbs__crumb" onClick={() => onZoomTo(0)}>
              All samples
            </button>
          )}
        </li>
        {path.map((name, index) => {
          const length = index + 1;
          // Frames repeat in recursive stacks, so the position is part of the key.
          const key = `${length}:${name}`;
          return (
            <li key={key}>
              {length === path.length ? (
                <span aria-current="location" className="mono">
                  {name}
                </span>
              ) : (
                <button type="button" className="flame-crumbs__crumb mono" onClick={() => onZoomTo(length)}>
                  {name}
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
