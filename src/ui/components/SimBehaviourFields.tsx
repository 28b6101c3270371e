import type { SimBehaviour } from '../lib/sim-behaviour.js';

interface Props {
  value: SimBehaviour;
  onChange: (value: SimBehaviour) => void;
}

function Choice<K extends 'speed' | 'length' | 'crash'>({ label, field, title, options, value, onChange }: {
  label: string;
  field: K;
  title?: string;
  options: [SimBehaviour[K], string][];
  value: SimBehaviour;
  onChange: (value: SimBehaviour) => void;
}) {
  return (
    <label title={title}>
      {label}
      <select value={value[field]} onChange={(e) => onChange({ ...value, [field]: e.target.value })} data-testid={`sim-${field}`}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** How the simulated agent behaves: speed, length, crashes, failures (bounded choices, no raw knobs). */
export function SimBehaviourFields({ value, onChange }: Props) {
  return (
    <fieldset className="sim-behaviour" data-testid="sim-behaviour">
      <legend>Simulated agent</legend>
      <div className="form-row">
        <Choice label="Speed" field="speed" value={value} onChange={onChange} options={[['fast', 'fast'], ['readable', 'readable'], ['slow', 'slow']]} />
        <Choice label="Answer" field="length" value={value} onChange={onChange} options={[['short', 'short'], ['medium', 'medium'], ['long', 'long']]} />
        <Choice
          label="Crashes"
          field="crash"
          title="once: the first turn crashes halfway and troupe restarts the agent; now and then: a quarter of the turns do"
          value={value}
          onChange={onChange}
          options={[['never', 'never'], ['once', 'once'], ['sometimes', 'now and then']]}
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={value.fail} onChange={(e) => onChange({ ...value, fail: e.target.checked })} data-testid="sim-fail" /> every turn fails
        (like an API error)
      </label>
    </fieldset>
  );
}
