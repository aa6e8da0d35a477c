/** Messages about a whole form (not one field), announced when they appear. */
export function FormErrorList({ action, messages }: { action: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="state state--error" role="alert">
      <p>{action} failed:</p>
      <ul className="issues">
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
