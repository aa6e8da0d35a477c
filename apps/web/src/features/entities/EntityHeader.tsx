import type { ReactNode } from "react";

export interface Fact {
  label: string;
  value: ReactNode;
}

/** The page title of an entity with its kind above it and its key facts below. */
export function EntityHeader({ kind, title, facts }: { kind: string; title: string; facts: readonly Fact[] }) {
  return (
    <div className="page__head page__head--entity">
      <p className="page__kicker">{kind}</p>
      <h1 className="page__title">{title}</h1>
      {facts.length > 0 ? <FactList facts={facts} className="facts facts--inline" /> : null}
    </div>
  );
}

export function FactList({ facts, className = "facts" }: { facts: readonly Fact[]; className?: string }) {
  return (
    <dl className={className}>
      {facts.map((fact) => (
        <div key={fact.label} className="facts__item">
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
