import type { Readable } from "node:stream";
import type { AuditEntry } from "@fleetdeck/db";
import { describe, expect, it } from "vitest";
import { auditCsvStream, auditExportFileName, auditJsonStream, neutralizeFormula } from "./audit-export-encoding.ts";

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: 1,
  atMs: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
  actor: "alice",
  actorKind: "user",
  action: "demo-fault.inject",
  entityType: "demo-fault",
  entityId: "fault-1",
  ip: "192.0.2.7",
  requestId: "req-1",
  before: null,
  after: { kind: "memory-leak", severity: 0.5 },
  outcome: "ok",
  ...overrides,
});

async function* entriesOf(list: AuditEntry[]) {
  yield* list;
}

async function textOf(stream: Readable): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return text;
}

const header = "id,at,actor,actorKind,action,entityType,entityId,outcome,ip,requestId,before,after";

describe("audit export encoding", () => {
  describe("CSV", () => {
    it("writes a header and one CRLF-terminated record per entry, before/after as JSON text", async () => {
      const csv = await textOf(auditCsvStream(entriesOf([entry(), entry({ id: 2, ip: null, after: null })])));
      expect(csv).toBe(
        `${header}\r\n` +
          `1,2026-01-02T03:04:05.678Z,alice,user,demo-fault.inject,demo-fault,fault-1,ok,192.0.2.7,req-1,,"{""kind"":""memory-leak"",""severity"":0.5}"\r\n` +
          `2,2026-01-02T03:04:05.678Z,alice,user,demo-fault.inject,demo-fault,fault-1,ok,,req-1,,\r\n`,
      );
    });

    it("quotes fields holding a comma, a quote, CR or LF, doubling the quotes (RFC 4180)", async () => {
      const csv = await textOf(
        auditCsvStream(entriesOf([entry({ actor: 'a,b "c"', entityId: "line\nbreak", requestId: "cr\rhere" })])),
      );
      expect(csv).toContain(`,"a,b ""c""",`);
      expect(csv).toContain(`,"line\nbreak",`);
      expect(csv).toContain(`,"cr\rhere",`);
    });

    it("neutralizes cells a spreadsheet would run as a formula", async () => {
      const csv = await textOf(
        auditCsvStream(
          entriesOf([entry({ actor: '=HYPERLINK("http://x.example")', entityId: "+1", requestId: "@SUM(A1)" })]),
        ),
      );
      expect(csv).toContain(`,"'=HYPERLINK(""http://x.example"")",`);
      expect(csv).toContain(",'+1,");
      expect(csv).toContain(",'@SUM(A1),");
    });

    it("is a header alone when nothing matches", async () => {
      expect(await textOf(auditCsvStream(entriesOf([])))).toBe(`${header}\r\n`);
    });
  });

  it("prefixes only the characters that start a formula", () => {
    expect(["=1", "+1", "-1", "@x", "\tx", "\rx"].map(neutralizeFormula)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      "'\rx",
    ]);
    expect(["alice", "1-2", "a=b", ""].map(neutralizeFormula)).toEqual(["alice", "1-2", "a=b", ""]);
  });

  describe("JSON", () => {
    it("is one array of records, the time in ISO 8601", async () => {
      const json = await textOf(auditJsonStream(entriesOf([entry(), entry({ id: 2 })])));
      const parsed = JSON.parse(json);
      expect(parsed).toHaveLength(2);
      expect(parsed[0]).toEqual({
        id: 1,
        at: "2026-01-02T03:04:05.678Z",
        actor: "alice",
        actorKind: "user",
        action: "demo-fault.inject",
        entityType: "demo-fault",
        entityId: "fault-1",
        outcome: "ok",
        ip: "192.0.2.7",
        requestId: "req-1",
        before: null,
        after: { kind: "memory-leak", severity: 0.5 },
      });
    });

    it("is an empty array when nothing matches", async () => {
      expect(JSON.parse(await textOf(auditJsonStream(entriesOf([]))))).toEqual([]);
    });
  });

  it("names the file after the range it covers", () => {
    const exportedAtMs = Date.UTC(2026, 5, 1, 12, 0, 0);
    expect(auditExportFileName({}, exportedAtMs, "csv")).toBe("fleetdeck-audit-start-to-20260601T120000Z.csv");
    expect(
      auditExportFileName({ fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2026, 0, 2, 3, 4, 5) }, exportedAtMs, "json"),
    ).toBe("fleetdeck-audit-20260101T000000Z-to-20260102T030405Z.json");
  });
});
