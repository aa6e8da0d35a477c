import { Link, useNavigate } from "@tanstack/react-router";
import { catalogProblem, regionOptions } from "../catalog/catalog-options.ts";
import { useFleetCatalog } from "../catalog/use-fleet-catalog.ts";
import { usePermission } from "../session/use-session.ts";
import { ChangeEditor } from "./ChangeEditor.tsx";
import { emptyChangeForm } from "./change-form.ts";
import { editorServices } from "./editor-services.ts";

/** Proposing a change: the form, saved as a draft that its page then submits for approval. */
export function NewChangePage({ serviceId }: { serviceId: string | undefined }) {
  const canOperate = usePermission("operate");
  const catalog = useFleetCatalog();
  const navigate = useNavigate();
  const services = editorServices(catalog.data?.catalog);

  return (
    <div className="page">
      <div className="page__head page__head--entity">
        <p className="page__kicker">
          <Link to="/changes">Changes</Link>
        </p>
        <h1 className="page__title">New change</h1>
      </div>
      {!canOperate ? (
        <div className="state" role="note">
          Proposing a change needs the operator role. You can read every change under <Link to="/changes">Changes</Link>
          .
        </div>
      ) : catalog.data === undefined && !catalog.error ? (
        <p className="state state--loading" role="status">
          Loading the fleet's services…
        </p>
      ) : (
        <ChangeEditor
          initial={emptyChangeForm(serviceId ?? "", services.find((s) => s.id === serviceId)?.regionIds ?? [])}
          services={services}
          regions={regionOptions(catalog.data?.catalog)}
          servicesProblem={catalogProblem(catalog)}
          onSaved={(change) => void navigate({ to: "/changes/$changeId", params: { changeId: change.id } })}
        />
      )}
    </div>
  );
}
