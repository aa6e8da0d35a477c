/** The honest page for a route that exists in the navigation but not yet in the product. */
export function NotBuiltYet({ title, description }: { title: string; description: string }) {
  return (
    <div className="page">
      <h1 className="page__title">{title}</h1>
      <p className="not-built">Not built yet: {description}</p>
    </div>
  );
}
