import { appendAudit } from "@fleetdeck/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditContextOf } from "../auth/identity.ts";
import { startTestServer } from "../testing/test-server.ts";

const csvHeader = "id,at,actor,actorKind,action,entityType,entityId,outcome,ip,requestId,before,after";

interface ExportedEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  after: Record<string, unknown> | null;
}

/** Splits CSV that has no quoted line breaks into records of raw fields (enough for these rows). */
function csvLines(csv: string): string[] {
  expect(csv.endsWith("\r\n")).toBe(true);
  return csv.slice(0, -2).split("\r\n");
}

describe("GET /api/audit/export", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const viewer = { username: "vick", password: "reads the audit log daily" };
  let viewerCookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.caller.users.create({ ...viewer, roles: ["viewer"] });
    viewerCookie = await server.signIn(viewer);
    const { db } = server.services;
    await appendAudit(db, {
      actor: '=HYPERLINK("http://evil.example","click")',
      actorKind: "anonymous",
      action: "session.login",
      entityType: "export-test",
      entityId: 'line\nbreak, and "quotes"',
      ip: "198.51.100.9",
      outcome: "invalid-credentials",
    });
    await appendAudit(db, {
      actor: "alice",
      actorKind: "user",
      action: "demo-fault.inject",
      entityType: "export-test",
      entityId: "fault-1",
      ip: "198.51.100.10",
      requestId: "req-42",
      after: { kind: "memory-leak", note: "-5 and =1" },
    });
    // More entries than one page of the export reads (500), so that the export must page.
    await db.query(
      `insert into audit_log (actor, actor_kind, action, entity_type, entity_id, ip)
       select 'bulk-writer', 'system', 'bulk.write', 'bulk', g::text, '203.0.113.1' from generate_series(1, 1205) g`,
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  const exportAs = (query: string, init: RequestInit = {}) => fetch(`${server.url}/api/audit/export?${query}`, init);

  it("answers 401 to a request that is not signed in, and exports nothing", async () => {
    const response = await exportAs("format=csv");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect(await response.json()).toMatchObject({ error: "sign in first" });
    const forged = await exportAs("format=csv", { headers: { cookie: "fleetdeck_session=not-a-session" } });
    expect(forged.status).toBe(401);
  });

  it("downloads matching entries as RFC 4180 CSV, with quoting and formula cells neutralized", async () => {
    const response = await server.fetchAsAdmin("/api/audit/export?format=csv&entityType=export-test");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="fleetdeck-audit-start-to-\d{8}T\d{6}Z\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const csv = await response.text();
    expect(csv.startsWith(`${csvHeader}\r\n`)).toBe(true);
    const [, newest, oldest] = csv.split("\r\n");
    expect(newest).toMatch(
      /^\d+,\d{4}-\d\d-\d\dT[\d:.]+Z,alice,user,demo-fault\.inject,export-test,fault-1,ok,198\.51\.100\.10,req-42,,"\{""kind"":""memory-leak"",""note"":""-5 and =1""\}"$/,
    );
    expect(oldest).toMatch(
      /^\d+,[^,]+,"'=HYPERLINK\(""http:\/\/evil\.example"",""click""\)",anonymous,session\.login,export-test,"line\nbreak, and ""quotes""",invalid-credentials,198\.51\.100\.9,,,$/,
    );
    expect(csv.split("\r\n")).toHaveLength(4);
  });

  it("streams every matching entry across pages, newest first, as one JSON array", async () => {
    const response = await server.fetchAsAdmin("/api/audit/export?format=json&actionPrefix=bulk.");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /filename="fleetdeck-audit-start-to-\d{8}T\d{6}Z\.json"/,
    );
    const entries = (await response.json()) as ExportedEntry[];
    expect(entries).toHaveLength(1205);
    expect(entries.map((entry) => entry.entityId)).toEqual(
      Array.from({ length: 1205 }, (_, index) => String(1205 - index)),
    );
    expect(entries[0]).toMatchObject({ actor: "bulk-writer", action: "bulk.write", ip: "203.0.113.1" });
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(1205);
  });

  it("applies the time range, and names it in the file name", async () => {
    const all = (await (
      await server.fetchAsAdmin("/api/audit/export?format=json&entityType=export-test")
    ).json()) as ExportedEntry[];
    const newestMs = Date.parse(all[0]?.at ?? "");
    const fromMs = newestMs - 3_600_000;
    const inRange = await server.fetchAsAdmin(
      `/api/audit/export?format=json&entityType=export-test&fromMs=${fromMs}&toMs=${newestMs + 1}`,
    );
    expect(((await inRange.json()) as ExportedEntry[]).map((entry) => entry.actor)).toEqual(
      all.map((entry) => entry.actor),
    );
    const compact = (ms: number) =>
      new Date(ms)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z")
        .replaceAll(/[-:]/g, "");
    expect(inRange.headers.get("content-disposition")).toBe(
      `attachment; filename="fleetdeck-audit-${compact(fromMs)}-to-${compact(newestMs + 1)}.json"`,
    );
    const later = await server.fetchAsAdmin(
      `/api/audit/export?format=json&entityType=export-test&fromMs=${newestMs + 1}`,
    );
    expect(await later.json()).toEqual([]);
  });

  it("gives a viewer the log without IP addresses or user agents", async () => {
    const response = await exportAs("format=csv&actionPrefix=session.login&actor=admin", {
      headers: { cookie: viewerCookie },
    });
    expect(response.status).toBe(200);
    const rows = csvLines(await response.text()).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).not.toContain("127.0.0.1");
      expect(row).not.toContain("userAgent");
    }
    const asAdmin = csvLines(
      await (await server.fetchAsAdmin("/api/audit/export?format=csv&actionPrefix=session.login&actor=admin")).text(),
    );
    expect(asAdmin.slice(1).some((row) => row.includes(",127.0.0.1,"))).toBe(true);
  });

  it("accepts an API token as a Bearer token, with the token's roles deciding what it sees", async () => {
    const { token } = await server.services.apiTokens.create(
      { userId: server.adminIdentity.userId, name: "audit export", roles: ["viewer"] },
      auditContextOf(server.adminIdentity, { ip: "127.0.0.1", requestId: "test" }),
    );
    const response = await exportAs("format=json&entityType=export-test", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const entries = (await response.json()) as ExportedEntry[];
    expect(entries).toHaveLength(2);
    expect(entries.map((entry) => entry.ip)).toEqual([null, null]);
  });

  it("records each export in the audit log: who, which format, which filters", async () => {
    await server.fetchAsAdmin("/api/audit/export?format=csv&actor=alice&fromMs=1000");
    const page = await server.caller.audit.list({ action: "audit.export", limit: 1 });
    expect(page.entries[0]).toMatchObject({
      actor: "admin",
      actorKind: "user",
      entityType: "audit-log",
      ip: "127.0.0.1",
      after: { format: "csv", filters: { actor: "alice", fromMs: 1000 } },
    });
  });

  it("refuses bad parameters with 400, naming each and why", async () => {
    const check = async (query: string, expected: string) => {
      const response = await server.fetchAsAdmin(`/api/audit/export?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: string; issues: string[] };
      expect(body.error).toBe("invalid export request");
      expect(body.issues.join("\n"), query).toContain(expected);
    };
    await check("format=xml", 'format: format must be "csv" or "json"');
    await check("actor=alice", 'format: format must be "csv" or "json"');
    await check("format=csv&fromMs=2000&toMs=1000", "toMs: toMs (1970-01-01T00:00:01.000Z) must be after fromMs");
    await check("format=csv&fromMs=yesterday", "fromMs: must be a time in epoch milliseconds (digits only)");
    await check("format=csv&actr=alice", 'Unrecognized key: "actr"');
  });
});
