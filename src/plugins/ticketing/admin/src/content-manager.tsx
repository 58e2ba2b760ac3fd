import * as React from 'react';
import { Badge, Typography } from '@strapi/design-system';
import { FormattedMessage } from 'react-intl';
import { fieldHelp } from '../../shared/help';
import { contentTypeNames } from '../../shared/labels';
import { STATE_COLOURS } from './components/StatePanel';
import { helpMessageId } from './translations/content-manager';

/**
 * Content Manager hooks of the plugin (registered in index.ts):
 * - edit view: a field's description is stored as text (`metadatas.<field>.edit.description`, in
 *   French, written by the server at first start) and shown as is; while it is still the plugin's
 *   own text, it is replaced by its translation in the admin's language;
 * - list views: the « État » column (and the history's states and actions) shows the translated
 *   state in a badge, not the stored value; any other enumeration column its translated value.
 */

const PREFIX = 'plugin::ticketing.';

/** The plugin's French descriptions → their message id (one id per distinct text). */
const helpIds = new Map<string, string>();
for (const [uid, fields] of Object.entries(fieldHelp)) {
  for (const [field, help] of Object.entries(fields)) if (!helpIds.has(help.fr)) helpIds.set(help.fr, helpMessageId(uid, field));
}

interface EditField {
  hint?: React.ReactNode;
  [key: string]: unknown;
}
interface EditLayout {
  layout: EditField[][][];
  components: Record<string, { layout: EditField[][]; [key: string]: unknown }>;
  [key: string]: unknown;
}

const translateHint = (field: EditField): EditField => {
  const id = typeof field.hint === 'string' ? helpIds.get(field.hint) : undefined;
  return id ? { ...field, hint: <FormattedMessage id={id} defaultMessage={field.hint as string} /> } : field;
};

export const mutateEditViewLayout = ({ layout, ...rest }: { layout: EditLayout; [key: string]: unknown }) => ({
  ...rest,
  layout: {
    ...layout,
    layout: layout.layout.map((panel) => panel.map((row) => row.map(translateHint))),
    components: Object.fromEntries(
      Object.entries(layout.components ?? {}).map(([uid, component]) => [
        uid,
        uid.startsWith('ticketing.') ? { ...component, layout: component.layout.map((row) => row.map(translateHint)) } : component,
      ]),
    ),
  },
});

/** The type shown by the list page (its URL): /admin/content-manager/collection-types/<uid>. */
const listedModel = () => (typeof window === 'undefined' ? null : (decodeURIComponent(window.location.pathname).match(/\/content-manager\/collection-types\/([^/]+)/)?.[1] ?? null));

function StateCell({ value }: { value: unknown }) {
  if (typeof value !== 'string' || value === '') return <Typography textColor="neutral800">-</Typography>;
  const colours = STATE_COLOURS[value] ?? { background: 'neutral150', text: 'neutral700' };
  return (
    <Badge backgroundColor={colours.background} textColor={colours.text} data-state={value}>
      <FormattedMessage id={value} defaultMessage={value} />
    </Badge>
  );
}

function TranslatedCell({ value }: { value: unknown }) {
  if (typeof value !== 'string' || value === '') return <Typography textColor="neutral800">-</Typography>;
  return (
    <Typography textColor="neutral800">
      <FormattedMessage id={value} defaultMessage={value} />
    </Typography>
  );
}

/** The history's `targetUid` column names the type (« Calendrier de vente »), not its uid. */
function TypeCell({ value }: { value: unknown }) {
  const name = typeof value === 'string' && value.startsWith(PREFIX) ? contentTypeNames[value.slice(PREFIX.length)] : undefined;
  if (!name) return <TranslatedCell value={value} />;
  return (
    <Typography textColor="neutral800">
      <FormattedMessage id={name.fr} defaultMessage={name.fr} />
    </Typography>
  );
}

const CELLS: Record<string, (props: { value: unknown }) => React.JSX.Element> = {
  state: StateCell,
  fromState: StateCell,
  toState: StateCell,
  action: TranslatedCell,
  targetUid: TypeCell,
};

interface ListHeader {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: unknown;
  [key: string]: unknown;
}

export const injectListColumns = ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => {
  const model = listedModel();
  if (!model?.startsWith(PREFIX)) return { displayedHeaders, layout };
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) => {
      // Any other enumeration (buyer kind, channel type, product type…) by its translated value.
      const Cell = CELLS[header.name] ?? (header.attribute?.type === 'enumeration' ? TranslatedCell : undefined);
      if (!Cell || header.cellFormatter) return header;
      return { ...header, cellFormatter: (row: Record<string, unknown>) => <Cell value={row[header.name]} /> };
    }),
  };
};
