import { gzipSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "./database.ts";
import {
  deleteProfile,
  findProfileMeta,
  insertProfile,
  listProfiles,
  type NewStoredProfile,
  readProfileBytes,
  type StoredProfileMeta,
} from "./profiles.ts";
import { useMigratedTestDatabase } from "./test-database.ts";
import { createUser, type User } from "./users.ts";

const t0 = 1_700_000_000_000;

describe("profiles", () => {
  let db: Database;
  let owner: User;

  useMigratedTestDatabase((opened) => {
    db = opened;
  });

  beforeEach(async () => {
    await db.query("delete from profiles");
    await db.query("delete from users");
    owner = await createUser(db, {
      username: "oncall",
      displayName: "On call",
      passwordHash: null,
      roles: ["operator"],
      atMs: t0,
    });
  });

  const profileOf = (overrides: Partial<NewStoredProfile> = {}): NewStoredProfile => ({
    name: "checkout-1 cpu",
    kind: "cpu",
    origin: "capture",
    instanceId: "checkout-1",
    service: "checkout",
    sourceId: "demo",
    capturedAtMs: t0,
    durationSeconds: 10,
    sampleTypes: [
      { type: "samples", unit: "count" },
      { type: "cpu", unit: "nanoseconds" },
    ],
    defaultSampleType: "cpu",
    totals: [1_234, 12_340_000_000],
    labels: { region: "eu-west", cluster: "eu-west-a" },
    bytes: gzipSync(Buffer.from("not decoded here")),
    createdByUserId: owner.id,
    createdAtMs: t0 + 5,
    ...overrides,
  });

  it("keep the original bytes exactly, apart from their metadata", async () => {
    const bytes = new Uint8Array(gzipSync(Buffer.from("a profile, gzipped")));
    const stored = await insertProfile(db, profileOf({ bytes }));
    expect(stored).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "checkout-1 cpu",
      kind: "cpu",
      origin: "capture",
      instanceId: "checkout-1",
      service: "checkout",
      sourceId: "demo",
      capturedAtMs: t0,
      durationSeconds: 10,
      sampleTypes: [
        { type: "samples", unit: "count" },
        { type: "cpu", unit: "nanoseconds" },
      ],
      defaultSampleType: "cpu",
      totals: [1_234, 12_340_000_000],
      labels: { region: "eu-west", cluster: "eu-west-a" },
      sizeBytes: bytes.byteLength,
      createdByUserId: owner.id,
      createdByUsername: "oncall",
      createdAtMs: t0 + 5,
    } satisfies StoredProfileMeta);
    expect(await findProfileMeta(db, stored.id)).toEqual(stored);
    const read = await readProfileBytes(db, stored.id);
    expect(read?.constructor).toBe(Uint8Array);
    expect(read && Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
  });

  it("keep an upload without kind or instance, and bytes that are not gzipped", async () => {
    const bytes = new Uint8Array([0x0a, 0x00, 0xff, 0x00]);
    const stored = await insertProfile(
      db,
      profileOf({ kind: null, origin: "upload", instanceId: null, service: null, sourceId: null, bytes }),
    );
    expect(stored).toMatchObject({ kind: null, origin: "upload", instanceId: null, sizeBytes: 4 });
    expect([...((await readProfileBytes(db, stored.id)) ?? [])]).toEqual([0x0a, 0x00, 0xff, 0x00]);
  });

  it("find nothing for an unknown id or one that is not a uuid", async () => {
    expect(await findProfileMeta(db, "6f1c1f9e-3f52-4a55-9a43-0d8d2d4c7a10")).toBeNull();
    expect(await findProfileMeta(db, "'; drop table profiles; --")).toBeNull();
    expect(await readProfileBytes(db, "not-a-uuid")).toBeNull();
    expect(await deleteProfile(db, "not-a-uuid")).toBeNull();
  });

  it("refuse an unknown kind or origin, and totals that do not match the sample types", async () => {
    await expect(insertProfile(db, profileOf({ kind: "threadcreate" }))).rejects.toThrow(/profiles_kind_check/);
    await expect(insertProfile(db, profileOf({ origin: "scraped" as "upload" }))).rejects.toThrow(
      /profiles_origin_check/,
    );
    await expect(insertProfile(db, profileOf({ totals: [1] }))).rejects.toThrow(/one total per sample type/);
  });

  it("list newest first in keyset pages, ties on the captured time broken by id, within filters", async () => {
    const inserted: StoredProfileMeta[] = [];
    for (let i = 0; i < 7; i++) {
      // Pairs share a captured time, so a page boundary falls between equal times.
      inserted.push(
        await insertProfile(
          db,
          profileOf({
            name: `p${i}`,
            capturedAtMs: t0 + Math.floor(i / 2) * 1_000,
            instanceId: i % 2 === 0 ? "checkout-1" : "checkout-2",
            kind: i === 6 ? "heap" : "cpu",
          }),
        ),
      );
    }
    const expected = [...inserted].sort((a, b) => b.capturedAtMs - a.capturedAtMs || (b.id > a.id ? 1 : -1));

    const seen: StoredProfileMeta[] = [];
    let page = await listProfiles(db, { limit: 3 });
    seen.push(...page.profiles);
    while (page.next) {
      page = await listProfiles(db, { limit: 3, after: page.next });
      seen.push(...page.profiles);
    }
    expect(seen.map((p) => p.name)).toEqual(expected.map((p) => p.name));

    const ofInstance = await listProfiles(db, { limit: 50, instanceId: "checkout-2" });
    expect(ofInstance.profiles.map((p) => p.name)).toEqual(["p5", "p3", "p1"]);
    expect(ofInstance.next).toBeNull();
    expect((await listProfiles(db, { limit: 50, kind: "heap" })).profiles.map((p) => p.name)).toEqual(["p6"]);
    expect((await listProfiles(db, { limit: 50, service: "payments" })).profiles).toEqual([]);
  });

  it("refuse a page size out of range and a position that names no profile", async () => {
    await expect(listProfiles(db, { limit: 0 })).rejects.toThrow(/1 to 200 profiles/);
    await expect(listProfiles(db, { limit: 201 })).rejects.toThrow(/1 to 200 profiles/);
    await expect(listProfiles(db, { limit: 5, after: { capturedAtMs: t0, id: "x" } })).rejects.toThrow(
      /needs a profile id/,
    );
  });

  it("delete one profile and return what it was", async () => {
    const kept = await insertProfile(db, profileOf({ name: "kept" }));
    const gone = await insertProfile(db, profileOf({ name: "gone" }));
    expect(await deleteProfile(db, gone.id)).toEqual(gone);
    expect(await deleteProfile(db, gone.id)).toBeNull();
    expect(await readProfileBytes(db, gone.id)).toBeNull();
    expect((await listProfiles(db, { limit: 10 })).profiles).toEqual([kept]);
  });
});
