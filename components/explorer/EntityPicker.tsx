"use client";
// A small combobox to pick an entity (the ends of a path): type to get suggestions, arrows and Enter choose.
// When the view holds part of the graph, entities not loaded are suggested too ("not in view"): a path end
// need not be loaded, the path is asked of the whole graph and brings its nodes in.
import { useId, useState } from "react";
import { NODE_COLORS, type SearchEntry } from "@/lib/view";
import { useServerHits, type ServerSearch } from "./useServerHits";

export interface EntityPickerProps {
  label: string;
  index: readonly SearchEntry[];
  /** The chosen node's label (null: nothing chosen). */
  chosen: string | null;
  onChoose: (key: string | null) => void;
  testId: string;
  /** The whole graph's search (null when the loaded graph is the whole graph). */
  serverSearch?: ServerSearch | null;
  isLoaded?: (key: string) => boolean;
}

const LIMIT = 7;
const OUTSIDE_LIMIT = 5;

export default function EntityPicker({ label, index, chosen, onChoose, testId, serverSearch = null, isLoaded }: EntityPickerProps) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const value = text ?? chosen ?? "";
  const { hits } = useServerHits(index, text ?? "", LIMIT, OUTSIDE_LIMIT, serverSearch, isLoaded);
  const open = text !== null && text.trim() !== "";

  const choose = (key: string | undefined) => {
    if (!key) return;
    setText(null);
    setActive(-1);
    onChoose(key);
  };

  return (
    <div className="picker">
      <label htmlFor={`${id}-input`} className="picker__label">
        {label}
      </label>
      <div className="picker__field">
        <input
          id={`${id}-input`}
          className="picker__input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Type a name…"
          value={value}
          data-testid={testId}
          onChange={(event) => {
            setText(event.target.value);
            setActive(-1);
          }}
          onFocus={(event) => event.target.select()}
          onBlur={() => setText(null)}
          onKeyDown={(event) => {
            if (event.key === "ArrowDown" && hits.length > 0) {
              event.preventDefault();
              setActive((i) => (i + 1) % hits.length);
            } else if (event.key === "ArrowUp" && hits.length > 0) {
              event.preventDefault();
              setActive((i) => (i <= 0 ? hits.length - 1 : i - 1));
            } else if (event.key === "Enter" && open && hits.length > 0) {
              event.preventDefault();
              choose(hits[active >= 0 ? active : 0]?.key);
            } else if (event.key === "Escape" && open) {
              event.stopPropagation();
              setText(null);
            }
          }}
        />
        {chosen && text === null && (
          <button type="button" className="picker__clear" onClick={() => onChoose(null)} aria-label={`Clear ${label.toLowerCase()}`}>
            ✕
          </button>
        )}
      </div>
      <ul id={`${id}-list`} role="listbox" className="search__list picker__list" hidden={!open} aria-label={`${label}: matching entities`}>
        {hits.map((hit, i) => (
          <li
            key={hit.key}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "search__option search__option--active" : "search__option"}
            data-key={hit.key}
            data-outside={hit.outside ? "true" : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(hit.key);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="swatch" style={{ background: NODE_COLORS[hit.type] }} aria-hidden="true" />
            <span className="search__label">{hit.label}</span>
            <span className="search__type">{hit.type}</span>
            {hit.outside && (
              <span className="search__outside" title="Not in the view: the path brings it in">
                not in view
              </span>
            )}
          </li>
        ))}
        {open && hits.length === 0 && (
          <li className="search__empty" role="presentation">
            No entity matches “{text.trim()}”
          </li>
        )}
      </ul>
    </div>
  );
}
