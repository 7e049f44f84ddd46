import type { ReactNode } from 'react';
import { controlFor, type FormValue, type Parameter } from './parameterControl';

/**
 * One labelled control a parameter, generated from the operation's variable types
 * (parameterControl.ts): the label names the parameter and says whether it is required or
 * what its default is; the description and any problem are tied to the control for screen
 * readers.
 */
export function ParameterForm(props: {
  parameters: readonly Parameter[];
  values: Readonly<Record<string, FormValue>>;
  problems: Readonly<Record<string, string>>;
  onChange: (name: string, value: FormValue) => void;
}) {
  return (
    <>
      {props.parameters.map((parameter) => (
        <ParameterControl
          key={parameter.name}
          parameter={parameter}
          value={props.values[parameter.name] ?? controlFor(parameter).initial}
          problem={props.problems[parameter.name]}
          onChange={(value) => props.onChange(parameter.name, value)}
        />
      ))}
    </>
  );
}

function ParameterControl({ parameter, value, problem, onChange }: { parameter: Parameter; value: FormValue; problem: string | undefined; onChange: (value: FormValue) => void }) {
  const control = controlFor(parameter);
  const id = `param-${parameter.name}`;
  const describedBy = [parameter.description && `${id}-description`, control.list && control.kind !== 'select' && `${id}-list`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': problem ? true : undefined, required: control.required } as const;
  const label = (
    <>
      {parameter.name} <span className="meaning">({parameter.type}, {control.hint})</span>
    </>
  );
  const notes: ReactNode = (
    <>
      {parameter.description && (
        <span id={`${id}-description`} className="meaning">
          {parameter.description}
        </span>
      )}
      {control.list && control.kind !== 'select' && (
        <span id={`${id}-list`} className="meaning">
          {' '}
          Several values: separate them with commas.
        </span>
      )}
      {problem && (
        <span id={`${id}-problem`} className="problem" role="alert">
          {' '}
          {parameter.name}: {problem}
        </span>
      )}
    </>
  );

  if (control.kind === 'select' && control.list) {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="parameter" aria-describedby={describedBy}>
        <legend>{label}</legend>
        {control.options.map((option) => (
          <span key={option} className="option">
            <input
              type="checkbox"
              id={`${id}-${option}`}
              checked={chosen.includes(option)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((o) => o !== option))}
            />
            <label htmlFor={`${id}-${option}`}>{option}</label>
          </span>
        ))}
        <div>{notes}</div>
      </fieldset>
    );
  }
  if (control.kind === 'checkbox') {
    return (
      <div className="parameter checkbox">
        <input type="checkbox" {...common} required={false} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{label}</label>
        <div>{notes}</div>
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  let input: ReactNode;
  if (control.kind === 'select') {
    input = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        {!control.required || text === '' ? <option value="">{control.required ? 'Choose…' : '(not given)'}</option> : null}
        {control.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (control.kind === 'json') {
    input = <textarea {...common} rows={2} value={text} onChange={(e) => onChange(e.target.value)} />;
  } else {
    const type = { number: 'number', date: 'date', datetime: 'datetime-local', text: 'text' }[control.kind];
    input = <input {...common} type={type} step={control.kind === 'number' && !control.integer ? 'any' : undefined} value={text} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="parameter">
      <label htmlFor={id}>{label}</label>
      {input}
      <div>{notes}</div>
    </div>
  );
}
