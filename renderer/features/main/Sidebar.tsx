// The list of contacts and rooms; empty until those features arrive.
export function Sidebar() {
  return (
    <nav className="sidebar" aria-label="Contacts and rooms">
      <h2>Contacts</h2>
      <div className="empty">
        <p>No contacts yet.</p>
        <p className="hint">Your contacts and group chats will be listed here.</p>
      </div>
    </nav>
  );
}
