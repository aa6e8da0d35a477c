export * from "./decode-profile.ts";
export * from "./profile-builder.ts";
export * from "./profile-decode-error.ts";
