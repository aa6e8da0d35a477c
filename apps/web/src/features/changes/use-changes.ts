import type { ChangeContent, ChangeState } from "@fleetdeck/core";
import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { type RefObject, useEffect, useRef, useState } from "react";
import type { RouterInputs, RouterOutputs } from "../../lib/api-types.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { describeLiveConnection } from "../overview/live-connection.ts";
import type { FleetTimeReading } from "./fleet-clock.ts";

export type ChangeListRow = RouterOutputs["changes"]["list"][number];
export type ChangeView = RouterOutputs["changes"]["get"];
export type ChangePreview = RouterOutputs["changes"]["preview"];
export type ChangeActionInput<Action extends ChangeActionName> = RouterInputs["changes"][Action];
export type ChangeActionName =
  | "submit"
  | "approve"
  | "reject"
  | "cancel"
  | "start"
  | "pause"
  | "resume"
  | "abort"
  | "rollback";

/** The list refreshes on this beat: approvals and rollouts move while it is open. */
const listRefreshMs = 10_000;
/** While the live feed is down, the change is polled this often so the page still moves. */
const fallbackPollMs = 5_000;
/** How long the form rests before the prediction is asked again. */
const previewDebounceMs = 400;

export function useChangeList(input: { states?: readonly ChangeState[]; serviceId?: string }) {
  const trpc = useTRPC();
  return useQuery(
    trpc.changes.list.queryOptions(
      {
        ...(input.states ? { states: [...input.states] } : {}),
        ...(input.serviceId ? { serviceId: input.serviceId } : {}),
        limit: 100,
      },
      { refetchInterval: listRefreshMs, placeholderData: keepPreviousData },
    ),
  );
}

/**
 * One change, kept current by the `changes.live` subscription: each pushed view replaces the
 * `changes.get` answer in the cache, so every reader of the change sees the newest version. The
 * fleet-time readings let the page count a bake down between pushes.
 */
export function useLiveChange(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readings = useRef<FleetTimeReading[]>([]);
  const live = useSubscription(
    trpc.changes.live.subscriptionOptions(
      { id },
      {
        onData: (event) => {
          noteReading(readings, event.data.nowMs);
          queryClient.setQueryData(trpc.changes.get.queryKey({ id }), event.data);
        },
      },
    ),
  );
  const connection = describeLiveConnection(live.status, live.error?.message ?? null);
  const query = useQuery(
    trpc.changes.get.queryOptions({ id }, { refetchInterval: connection.live ? false : fallbackPollMs }),
  );
  const fetchedNowMs = query.data?.nowMs;
  useEffect(() => {
    if (fetchedNowMs !== undefined && readings.current.at(-1)?.fleetMs !== fetchedNowMs) {
      noteReading(readings, fetchedNowMs);
    }
  }, [fetchedNowMs]);
  return { query, connection, readings };
}

/** Remembers when the browser saw a fleet time, keeping the last twenty. */
function noteReading(readings: RefObject<FleetTimeReading[]>, fleetMs: number) {
  readings.current = [...readings.current, { fleetMs, localMs: Date.now() }].slice(-20);
}

/** The prediction and the policy's verdict for what the form holds, asked once typing rests. */
export function useChangePreview(content: ChangeContent | null, changeId?: string) {
  const trpc = useTRPC();
  const settled = useDebounced(content, previewDebounceMs);
  return useQuery(
    trpc.changes.preview.queryOptions(
      settled === null ? skipToken : { content: settled, ...(changeId ? { id: changeId } : {}) },
      { placeholderData: keepPreviousData, staleTime: 15_000, retry: false },
    ),
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the JSON key stands for the value, so a new object with the same content does not restart the wait.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settled;
}

/** After any change to a change request: its view from the answer, and the lists again. */
function useChangeWritten() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (view: { id: string }) => {
    queryClient.setQueryData(trpc.changes.get.queryKey({ id: view.id }), (previous: ChangeView | undefined) =>
      previous ? { ...previous, ...view } : previous,
    );
    await queryClient.invalidateQueries(trpc.changes.get.queryFilter({ id: view.id }));
    await queryClient.invalidateQueries(trpc.changes.list.pathFilter());
  };
}

export function useCreateChange() {
  const trpc = useTRPC();
  const written = useChangeWritten();
  return useMutation(trpc.changes.create.mutationOptions({ onSuccess: written }));
}

export function useEditChange() {
  const trpc = useTRPC();
  const written = useChangeWritten();
  return useMutation(trpc.changes.edit.mutationOptions({ onSuccess: written }));
}

export function useSubmitChange() {
  const trpc = useTRPC();
  const written = useChangeWritten();
  return useMutation(trpc.changes.submit.mutationOptions({ onSuccess: written }));
}

/** Every action on a change, one mutation each, so each button shows its own pending and error state. */
export function useChangeActions() {
  const trpc = useTRPC();
  const written = useChangeWritten();
  const options = { onSuccess: written };
  return {
    submit: useMutation(trpc.changes.submit.mutationOptions(options)),
    approve: useMutation(trpc.changes.approve.mutationOptions(options)),
    reject: useMutation(trpc.changes.reject.mutationOptions(options)),
    cancel: useMutation(trpc.changes.cancel.mutationOptions(options)),
    start: useMutation(trpc.changes.start.mutationOptions(options)),
    pause: useMutation(trpc.changes.pause.mutationOptions(options)),
    resume: useMutation(trpc.changes.resume.mutationOptions(options)),
    abort: useMutation(trpc.changes.abort.mutationOptions(options)),
    rollback: useMutation(trpc.changes.rollback.mutationOptions(options)),
  };
}

export function useCommentOnChange(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.changes.comment.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.changes.get.queryFilter({ id })),
    }),
  );
}

/**
 * What the target's instances run now, as their metrics source reports it: the "observed" side
 * of the rollout's instance table and the "before" of the diff. Polled faster while a rollout moves,
 * and read again whenever the change's version moves on.
 */
export function useTargetService(serviceId: string | null, { moving, version }: { moving: boolean; version?: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Each new version of the change (a stage applied, a rollback begun) is worth a fresh look at once.
  useEffect(() => {
    if (serviceId !== null && version !== undefined) {
      void queryClient.invalidateQueries(trpc.fleet.service.queryFilter({ serviceId }));
    }
  }, [queryClient, trpc, serviceId, version]);
  return useQuery(
    trpc.fleet.service.queryOptions(serviceId === null ? skipToken : { serviceId }, {
      refetchInterval: moving ? 2_000 : 15_000,
      placeholderData: keepPreviousData,
    }),
  );
}

/** The service's stored profiles, to find a canary and a baseline one to diff. */
export function useServiceProfiles(serviceId: string | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.profiles.list.queryOptions(serviceId === null ? skipToken : { service: serviceId, limit: 200 }, {
      staleTime: 30_000,
    }),
  );
}
