"use client";
// Search with suggestions as you type (combobox pattern): arrows move, Enter chooses, Escape closes then clears.
// When the view holds part of the graph, the server's search over the whole graph adds the entities not loaded
// (marked "not in view": choosing one brings it in).
import { useEffect, useId, useRef, useState } from "react";
import { NODE_COLORS, type SearchEntry, type SearchHit } from "@/lib/view";
import { useServerHits, type ServerSearch } from "./useServerHits";

export interface SearchBoxProps {
  index: readonly SearchEntry[];
  value: string;
  onChange: (text: string) => void;
  onChoose: (hit: SearchHit) => void;
  /** The whole graph's search (null when the loaded graph is the whole graph). */
  serverSearch?: ServerSearch | null;
  /** Is this node in the loaded view? */
  isLoaded?: (key: string) => boolean;
}

const LIMIT = 8;
/** Suggestions from outside the view, after the loaded ones. */
const OUTSIDE_LIMIT = 6;

export default function SearchBox({ index, value, onChange, onChoose, serverSearch = null, isLoaded }: SearchBoxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = value.trim();
  const { hits, searching } = useServerHits(index, value, LIMIT, OUTSIDE_LIMIT, serverSearch, isLoaded);
  const showList = open && value.trim() !== "";

  // "/" focuses the search from anywhere but a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    setActive(-1);
    onChoose(hit);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        setOpen(true);
        if (hits.length > 0) setActive((i) => (i + 1) % hits.length);
        break;
      case "ArrowUp":
        event.preventDefault();
        setOpen(true);
        if (hits.length > 0) setActive((i) => (i <= 0 ? hits.length - 1 : i - 1));
        break;
      case "Enter":
        if (showList && hits.length > 0) {
          event.preventDefault();
          choose(hits[active >= 0 ? active : 0]);
        }
        break;
      case "Escape":
        if (showList) {
          setOpen(false);
          setActive(-1);
        } else if (value !== "") {
          onChange("");
        }
        break;
      default:
        break;
    }
  };

  const activeId = showList && active >= 0 && active < hits.length ? `${id}-opt-${active}` : undefined;

  return (
    <div className="search" role="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search entities by name or alias
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        className="search__input"
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={activeId}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search people, organizations, places…  ( / )"
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      <ul id={listId} role="listbox" aria-label="Matching entities" className="search__list" hidden={!showList}>
        {hits.map((hit, i) => (
          <li
            key={hit.key}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "search__option search__option--active" : "search__option"}
            data-key={hit.key}
            data-outside={hit.outside ? "true" : undefined}
            // mousedown, not click: the input must not blur (and close the list) first
            onMouseDown={(event) => {
              event.preventDefault();
              choose(hit);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="swatch" style={{ background: NODE_COLORS[hit.type] }} aria-hidden="true" />
            <span className="search__label">{hit.label}</span>
            {hit.alias && <span className="search__alias">“{hit.alias}”</span>}
            <span className="search__type">{hit.type}</span>
            {hit.outside && (
              <span className="search__outside" data-testid="search-outside" title="Not in the view: choosing it brings it in with its neighbours">
                not in view
              </span>
            )}
          </li>
        ))}
        {showList && hits.length === 0 && (
          <li className="search__empty" role="presentation">
            {searching ? `Searching the whole graph for “${query}”…` : `No entity matches “${query}”`}
          </li>
        )}
      </ul>
    </div>
  );
}
