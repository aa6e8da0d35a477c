import { skipToken, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterInputs, RouterOutputs } from "../../lib/api-types.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { uploadProfile } from "./profile-requests.ts";

export type ProfileMeta = RouterOutputs["profiles"]["get"];
export type ProfileListFilters = Omit<RouterInputs["profiles"]["list"], "cursor" | "limit">;
export type CaptureStarted = RouterOutputs["profiles"]["capture"];
export type CaptureStatus = RouterOutputs["profiles"]["captureStatus"];
export type ProfileDiffTop = RouterOutputs["profiles"]["diffTop"];

const profileListPageSize = 50;
/** The capture form asks how a capture is doing twice a second, for a smooth countdown. */
const captureStatusPollMs = 500;

/** Stored profiles, newest first, a page at a time ("Load older" asks from the last page's cursor). */
export function useProfileList(filters: ProfileListFilters) {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.profiles.list.infiniteQueryOptions(
      { ...filters, limit: profileListPageSize },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
}

export function useProfileMeta(profileId: string | undefined) {
  const trpc = useTRPC();
  return useQuery(
    trpc.profiles.get.queryOptions(profileId === undefined ? skipToken : { id: profileId }, {
      staleTime: Number.POSITIVE_INFINITY,
    }),
  );
}

/** Per-function flat and cum of one sample type (the profile's default when none is named). */
export function useProfileTop(profileId: string, sampleType: string | undefined) {
  const trpc = useTRPC();
  return useQuery(
    trpc.profiles.top.queryOptions(
      { id: profileId, ...(sampleType ? { sampleType } : {}) },
      { staleTime: Number.POSITIVE_INFINITY },
    ),
  );
}

export function useProfileDiffTop(baseId: string, targetId: string, sampleType: string | undefined) {
  const trpc = useTRPC();
  return useQuery(
    trpc.profiles.diffTop.queryOptions(
      { baseId, targetId, ...(sampleType ? { sampleType } : {}) },
      { staleTime: Number.POSITIVE_INFINITY },
    ),
  );
}

export function useStartCapture() {
  const trpc = useTRPC();
  return useMutation(trpc.profiles.capture.mutationOptions());
}

/** A running capture's state, polled until it ends. */
export function useCaptureStatus(captureId: string | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.profiles.captureStatus.queryOptions(captureId === null ? skipToken : { captureId }, {
      refetchInterval: (query) =>
        query.state.data?.state === "running" || !query.state.data ? captureStatusPollMs : false,
      staleTime: 0,
    }),
  );
}

export function useCancelCapture() {
  const trpc = useTRPC();
  return useMutation(trpc.profiles.cancelCapture.mutationOptions());
}

/** Uploads a profile file; the list shows it once stored. */
export function useUploadProfile() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, instanceId }: { file: File; instanceId: string | undefined }) =>
      uploadProfile(file, instanceId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.profiles.list.pathKey() }),
  });
}

export function useDeleteProfile() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.profiles.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.profiles.list.pathKey() }),
    }),
  );
}
