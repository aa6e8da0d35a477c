import type { Page } from "@playwright/test";

/** One row of a cluster page's "etcd members" table, by its column headers. */
export interface EtcdMemberRow {
  name: string;
  role: string;
  status: string;
  error: string;
  cells: Record<string, string>;
}

/**
 * The "etcd members" table as a reader sees it: the member's name in the first cell, its role,
 * its status and its error by their column headers. Empty when the table is not there yet.
 */
export async function readEtcdMembers(page: Page): Promise<EtcdMemberRow[]> {
  const table = page.getByRole("table", { name: "etcd members" });
  if ((await table.count()) === 0) return [];
  // A sortable header also holds a decorative arrow, hidden from assistive tech: leave it out.
  const headers = await table.locator("thead th").evaluateAll((ths) =>
    ths.map((th) => {
      const copy = th.cloneNode(true) as HTMLElement;
      copy.querySelectorAll("[aria-hidden='true']").forEach((hidden) => {
        hidden.remove();
      });
      return (copy.textContent ?? "").trim();
    }),
  );
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (cell) => (cell.textContent ?? "").trim())),
    );
  return rows.map((cells) => {
    const byHeader = Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? ""]));
    return {
      name: cells[0] ?? "",
      role: byHeader.Role ?? "",
      status: byHeader.Status ?? "",
      error: byHeader.Error ?? "",
      cells: byHeader,
    };
  });
}

/** The names of the members marked leader. */
export function leadersOf(rows: readonly EtcdMemberRow[]): string[] {
  return rows.filter((row) => row.role === "leader").map((row) => row.name);
}
