/** The list of keys (`?`). */
const KEYS: [string, string][] = [
  ['j / ↓', 'next session in the list'],
  ['k / ↑', 'previous session'],
  ['Enter', 'open the session under the cursor'],
  ['/', 'search the list'],
  ['Esc', 'leave the search, close this or the bead drawer'],
  ['?', 'show or hide these keys'],
];

export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal keys-help" role="dialog" aria-label="Keyboard" data-testid="keyboard-help" onClick={(e) => e.stopPropagation()}>
        <h3>Keys</h3>
        <table>
          <tbody>
            {KEYS.map(([key, what]) => (
              <tr key={key}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
