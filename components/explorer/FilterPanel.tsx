"use client";
// Every filter in one panel (each active one also shows as a chip above the graph). Checkboxes say what is
// shown; counts say how much each choice shows with the other filters as they are.
import { NODE_TYPES, RELATION_TYPES, type ArticleMeta, type NodeType, type RelationType } from "@/lib/contract";
import {
  NODE_COLORS,
  NODE_TYPE_LABELS,
  relationName,
  setDateField,
  setDateWindow,
  setDisputedOnly,
  setFade,
  setHideIsolated,
  setIncludeUndated,
  setMinSources,
  setRelationTypes,
  setShowCoMentions,
  resetFilters,
  toggleArticle,
  toggleNodeType,
  togglePublisher,
  updateFilters,
  type FilterState,
  type Producer,
  type VisibilityCounts,
} from "@/lib/view";

export interface FilterPanelProps {
  filters: FilterState;
  counts: VisibilityCounts;
  typeTotals: Record<NodeType, number>;
  relationTotals: Record<RelationType, number>;
  coMentionTotal: number;
  articles: readonly ArticleMeta[];
  publishers: readonly string[];
  conflictCount: number;
  update: (producer: Producer) => void;
}

const MIN_SOURCES_CHOICES = [1, 2, 3, 4, 5];

export default function FilterPanel({ filters, counts, typeTotals, relationTotals, coMentionTotal, articles, publishers, conflictCount, update }: FilterPanelProps) {
  const relationShown = (t: RelationType) => filters.relationTypes.length === 0 || filters.relationTypes.includes(t);
  const toggleRelation = (t: RelationType) => {
    const current = filters.relationTypes.length === 0 ? [...RELATION_TYPES] : filters.relationTypes;
    const next = current.includes(t) ? current.filter((x) => x !== t) : [...current, t];
    update(setRelationTypes(next.length === RELATION_TYPES.length ? [] : next));
  };
  const presentRelations = RELATION_TYPES.filter((t) => relationTotals[t] > 0);
  // A set: the list has a checkbox per article (a large corpus has thousands, most of them chosen).
  const chosenArticles = new Set(filters.articles);
  const articleShown = (id: string) => chosenArticles.size === 0 || chosenArticles.has(id);
  const toggleSource = (id: string) => {
    if (filters.articles.length === 0) {
      update(updateFilters((f) => ({ ...f, articles: articles.map((a) => a.id).filter((x) => x !== id).sort() })));
    } else if (filters.articles.length === articles.length - 1 && !chosenArticles.has(id)) {
      update(updateFilters((f) => ({ ...f, articles: [] })));
    } else {
      update(toggleArticle(id));
    }
  };
  const windowSet = filters.dateFrom !== null || filters.dateTo !== null;

  return (
    <section className="filter-panel" data-testid="filter-panel" aria-labelledby="filters-title">
      <div className="panel-title-row">
        <h2 id="filters-title" className="panel-title">
          Filters
        </h2>
        <button type="button" className="link-button small" onClick={() => update(resetFilters())}>
          Reset all
        </button>
      </div>

      <fieldset className="filter-group">
        <legend>Entity types</legend>
        <ul className="check-list">
          {NODE_TYPES.filter((t) => typeTotals[t] > 0).map((t) => {
            const shown = !filters.hiddenNodeTypes.includes(t);
            return (
              <li key={t}>
                <label className="check">
                  <input type="checkbox" checked={shown} onChange={() => update(toggleNodeType(t))} data-testid={`filter-type-${t}`} />
                  <span className="swatch" style={{ background: NODE_COLORS[t] }} aria-hidden="true" />
                  {NODE_TYPE_LABELS[t]}
                  <span className="check__count">{shown ? `${counts.byNodeType[t]} / ${typeTotals[t]}` : typeTotals[t]}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="filter-group">
        <legend>Relations</legend>
        <ul className="check-list">
          {presentRelations.map((t) => (
            <li key={t}>
              <label className="check">
                <input type="checkbox" checked={relationShown(t)} onChange={() => toggleRelation(t)} data-testid={`filter-relation-${t}`} />
                {relationName(t)}
                <span className="check__count" title="Relations of this type the other filters leave">
                  {counts.byRelationType[t]}
                </span>
              </label>
              <button type="button" className="only-button" onClick={() => update(setRelationTypes([t]))} title={`Only ${relationName(t)}`}>
                only
              </button>
            </li>
          ))}
          <li>
            <label className="check" title="Named in the same sentence: a lower layer, not a relation">
              <input type="checkbox" checked={filters.showCoMentions} onChange={(e) => update(setShowCoMentions(e.target.checked))} data-testid="filter-comentions" />
              Co-mentions <span className="muted small">(not relations)</span>
              <span className="check__count">{coMentionTotal}</span>
            </label>
            <span className="only-button only-button--placeholder" aria-hidden="true">
              only
            </span>
          </li>
        </ul>
      </fieldset>

      <fieldset className="filter-group">
        <legend>Corroboration</legend>
        <label className="inline-field">
          At least
          <select value={filters.minSources} onChange={(e) => update(setMinSources(Number(e.target.value)))} data-testid="filter-min-sources">
            {MIN_SOURCES_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          independent source{filters.minSources === 1 ? "" : "s"} per edge
        </label>
      </fieldset>

      <fieldset className="filter-group">
        <legend>Dates</legend>
        <div className="radio-row" role="radiogroup" aria-label="Which date">
          <label className="check">
            <input type="radio" name="date-field" checked={filters.dateField === "event"} onChange={() => update(setDateField("event"))} data-testid="date-field-event" />
            Event date <span className="muted small">(meetings)</span>
          </label>
          <label className="check">
            <input
              type="radio"
              name="date-field"
              checked={filters.dateField === "publication"}
              onChange={() => update(setDateField("publication"))}
              data-testid="date-field-publication"
            />
            Publication date
          </label>
        </div>
        <div className="date-row">
          <label className="inline-field">
            From
            <input type="date" value={filters.dateFrom ?? ""} onChange={(e) => update(setDateWindow(e.target.value || null, filters.dateTo))} data-testid="date-from" />
          </label>
          <label className="inline-field">
            to
            <input type="date" value={filters.dateTo ?? ""} onChange={(e) => update(setDateWindow(filters.dateFrom, e.target.value || null))} data-testid="date-to" />
          </label>
          {windowSet && (
            <button type="button" className="link-button small" onClick={() => update(setDateWindow(null, null))}>
              Clear
            </button>
          )}
        </div>
        <label className="check">
          <input type="checkbox" checked={filters.includeUndated} onChange={(e) => update(setIncludeUndated(e.target.checked))} data-testid="date-undated" />
          Keep undated {filters.dateField === "event" ? "meetings" : "articles"} in a window
        </label>
      </fieldset>

      <fieldset className="filter-group">
        <legend>Sources</legend>
        <ul className="check-list check-list--sources">
          {articles.map((a) => (
            <li key={a.id}>
              <label className="check check--source" title={a.title ?? a.id}>
                <input type="checkbox" checked={articleShown(a.id)} onChange={() => toggleSource(a.id)} data-testid="filter-article" data-article={a.id} />
                <span className="check__text">
                  {a.title?.trim() || a.id}
                  <span className="muted small">{[a.publisher, a.date].filter(Boolean).map((x) => ` · ${x}`)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {publishers.length > 0 && (
          <>
            <p className="filter-sub">Publishers</p>
            <ul className="check-list">
              {publishers.map((p) => (
                <li key={p}>
                  <label className="check">
                    <input type="checkbox" checked={filters.publishers.includes(p)} onChange={() => update(togglePublisher(p))} data-testid="filter-publisher" />
                    only {p}
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>

      <fieldset className="filter-group">
        <legend>Focus</legend>
        <label className="check">
          <input type="checkbox" checked={filters.disputedOnly} onChange={(e) => update(setDisputedOnly(e.target.checked))} disabled={conflictCount === 0 && !filters.disputedOnly} />
          Only disputed facts <span className="muted small">({conflictCount} conflicts)</span>
        </label>
        <label className="check">
          <input type="checkbox" checked={filters.hideIsolated} onChange={(e) => update(setHideIsolated(e.target.checked))} data-testid="filter-isolated" />
          Hide entities without a visible relation
        </label>
      </fieldset>

      <fieldset className="filter-group">
        <legend>Filtered-out parts</legend>
        <div className="radio-row">
          <label className="check">
            <input type="radio" name="fade" checked={!filters.fade} onChange={() => update(setFade(false))} data-testid="filter-hide" />
            hidden
          </label>
          <label className="check">
            <input type="radio" name="fade" checked={filters.fade} onChange={() => update(setFade(true))} data-testid="filter-fade" />
            drawn faint
          </label>
        </div>
      </fieldset>
    </section>
  );
}
