import { formatCount } from "../../lib/format.ts";
import { pageInfo } from "./gc-leaderboard-search.ts";

/** "51–100 of 240" with previous and next; hidden when everything fits on one page. */
export function GcLeaderboardPager({
  page,
  total,
  onPageChange,
}: {
  page: number;
  total: number;
  onPageChange: (page: number) => void;
}) {
  const info = pageInfo(page, total);
  return (
    <nav className="gc-pager" aria-label="Leaderboard pages">
      <p>
        {info.beyond
          ? `Page ${formatCount(page)} is past the end: ${formatCount(total)} rows fill ${formatCount(info.pages)} pages.`
          : total === 0
            ? "No rows"
            : `${formatCount(info.first)}–${formatCount(info.last)} of ${formatCount(total)}`}
      </p>
      {info.pages > 1 || page > 1 ? (
        <>
          <button
            type="button"
            className="button button--small"
            disabled={!info.hasPrevious}
            onClick={() => onPageChange(info.beyond ? info.pages : page - 1)}
          >
            Previous page
          </button>
          <button
            type="button"
            className="button button--small"
            disabled={!info.hasNext}
            onClick={() => onPageChange(page + 1)}
          >
            Next page
          </button>
        </>
      ) : null}
    </nav>
  );
}
