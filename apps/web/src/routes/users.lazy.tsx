import { createLazyRoute } from "@tanstack/react-router";
import { UsersPage } from "../features/users/UsersPage.tsx";

export const Route = createLazyRoute("/signed-in/users")({ component: UsersPage });
