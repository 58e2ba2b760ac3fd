import * as React from 'react';
import { Alert, Badge, Box, Button, Dialog, Field, Flex, Loader, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useAuth } from '@strapi/strapi/admin';
import { Link, useParams } from 'react-router-dom';
import { apiFailure, useGetBoardQuery, useReleaseNowMutation, useSaveBoardLimitsMutation } from '../../../api';
import { PERMISSIONS } from '../../../permissions';
import { PLUGIN_ID } from '../../../pluginId';
import { useTranslate, type Translate } from '../../../utils/translate';
import { indexPlan } from '../seating/model';
import { PlanCanvas } from '../seating/PlanCanvas';
import { STATUS_PALETTE, statusColors, type BoardCategory, type BoardPool, type BoardView } from './model';

/**
 * Billetterie › Disponibilités (issue #17): the availability board of one performance — per seat
 * category and pool (open sale, contingents) the capacity now, sold, held and left; each
 * contingent's release (rule, effective instant, recorded scheduled or manual) with « Libérer
 * maintenant »; the gauges and limits; the plan coloured by seat status for numbered categories.
 */
export function BoardPage() {
  const authReady = useAuth('BoardPage', (state) => state.permissions.length > 0);
  if (!authReady) return <Page.Loading />;
  return (
    <Page.Protect permissions={PERMISSIONS.timeline}>
      <Board />
    </Page.Protect>
  );
}

function Board() {
  const { documentId = '' } = useParams();
  const { t, lang, locale } = useTranslate();
  const { data, error, isLoading, refetch } = useGetBoardQuery(documentId);
  const [releaseNow, { isLoading: releasing }] = useReleaseNowMutation();
  const [asked, setAsked] = React.useState<{ contingent: string; category: string; name: string } | null>(null);
  const [message, setMessage] = React.useState<{ variant: 'success' | 'danger'; text: string } | null>(null);
  const when = React.useCallback((iso: string | null) => (iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : t('board.never', 'jamais')), [locale, t]);

  async function confirm() {
    if (!asked) return;
    const target = asked;
    setAsked(null);
    try {
      await releaseNow({ documentId, contingent: target.contingent, category: target.category }).unwrap();
      setMessage({ variant: 'success', text: t('board.released', 'Contingent {code} libéré.', { code: target.contingent }) });
    } catch (e) {
      setMessage({ variant: 'danger', text: apiFailure(e, lang).message });
    }
    refetch();
  }

  const title = data ? `${t('board.title', 'Disponibilités')} · ${data.event?.name ?? ''} ${data.performance.code}` : t('board.title', 'Disponibilités');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={data ? `${when(data.performance.startsAt)} · ${t('board.subtitle', 'jauges, contingents et places par catégorie, maintenant')}` : undefined}
        navigationAction={
          <Link to={`/plugins/${PLUGIN_ID}`}>
            <Typography textColor="primary600">← {t('board.back', 'Frise')}</Typography>
          </Link>
        }
      />
      <Layouts.Content>
        {message ? (
          <Box marginBottom={4}>
            <Alert variant={message.variant} closeLabel={t('board.close', 'Fermer')} onClose={() => setMessage(null)} data-testid="board-message">
              {message.text}
            </Alert>
          </Box>
        ) : null}
        {isLoading ? (
          <Loader small>{t('board.loading', 'Chargement')}</Loader>
        ) : error ? (
          <Typography textColor="danger600">{apiFailure(error, lang).message}</Typography>
        ) : !data?.board ? (
          <Typography textColor="neutral600" data-testid="board-not-counted">
            {t('board.notCounted', 'Cette séance n’a pas de configuration logique validée : ses places ne sont pas comptées.')}
          </Typography>
        ) : (
          <BoardContent data={data} t={t} when={when} releasing={releasing} onRelease={(contingent, category, name) => setAsked({ contingent, category, name })} />
        )}
        <Dialog.Root open={asked !== null} onOpenChange={(open: boolean) => !open && setAsked(null)}>
          <Dialog.Content>
            <Dialog.Header>{t('board.confirmTitle', 'Libérer ce contingent maintenant ?')}</Dialog.Header>
            <Dialog.Body>
              <Typography>
                {asked
                  ? t(
                      'board.confirmBody',
                      'Les places non vendues du contingent {name} ({code}) en {category} vont à leur destination (la vente libre, ou le contingent indiqué). Cette libération est enregistrée et ne se défait pas.',
                      {
                        name: asked.name,
                        code: asked.contingent,
                        category: asked.category,
                      },
                    )
                  : ''}
              </Typography>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button variant="tertiary">{t('board.cancel', 'Annuler')}</Button>
              </Dialog.Cancel>
              <Dialog.Action>
                <Button variant="danger-light" onClick={confirm} data-testid="board-confirm-release">
                  {t('board.releaseNow', 'Libérer maintenant')}
                </Button>
              </Dialog.Action>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Root>
      </Layouts.Content>
    </Page.Main>
  );
}

function Figures({ f }: { f: { capacity: number; sold: number; held: number; left: number } }) {
  return (
    <>
      <Td>
        <Typography data-field="capacity">{f.capacity}</Typography>
      </Td>
      <Td>
        <Typography data-field="sold">{f.sold}</Typography>
      </Td>
      <Td>
        <Typography data-field="held">{f.held}</Typography>
      </Td>
      <Td>
        <Typography data-field="left" fontWeight={f.left <= 0 ? 'bold' : undefined} textColor={f.left <= 0 ? 'danger600' : undefined}>
          {f.left}
        </Typography>
      </Td>
    </>
  );
}

function BoardContent(props: { data: BoardView; t: Translate; when: (iso: string | null) => string; releasing: boolean; onRelease: (contingent: string, category: string, name: string) => void }) {
  const { data, t, when, releasing, onRelease } = props;
  const board = data.board!;
  const gauges = [
    { label: t('board.securityGauge', 'Jauge de sécurité'), f: board.securityGauge },
    ...(board.commercialGauge ? [{ label: t('board.commercialGauge', 'Jauge commerciale'), f: board.commercialGauge }] : []),
  ];
  const header = (
    <Thead>
      <Tr>
        <Th>
          <Typography variant="sigma">{t('board.pool', 'Réserve')}</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">{t('board.capacity', 'Capacité')}</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">{t('board.sold', 'Vendues')}</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">{t('board.held', 'Réservées')}</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">{t('board.left', 'Restantes')}</Typography>
        </Th>
        <Th>
          <Typography variant="sigma">{t('board.release', 'Libération')}</Typography>
        </Th>
      </Tr>
    </Thead>
  );
  const releaseCell = (c: BoardCategory, p: BoardPool) => {
    const r = p.release;
    if (!r) return <Td />;
    const target = r.releaseTo ? t('board.toContingent', 'vers {code}', { code: r.releaseTo }) : t('board.toOpenSale', 'vers la vente libre');
    return (
      <Td>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="pi">
            {t('board.rule', 'Règle : {when}', { when: when(r.ruleAt) })} · {target}
          </Typography>
          {r.released ? (
            <Flex gap={2}>
              <Badge active data-testid="board-released">
                {r.record?.kind === 'manual' ? t('board.releasedManual', 'libéré à la main') : t('board.releasedScheduled', 'libéré')}
              </Badge>
              <Typography variant="pi">
                {when(r.effectiveAt)}
                {r.record ? ` · ${t('board.recorded', 'enregistré : {n} place(s)', { n: r.record.quantity })}` : ` · ${t('board.notRecorded', 'pas encore enregistré')}`}
              </Typography>
            </Flex>
          ) : data.canRelease ? (
            <Button size="S" variant="secondary" disabled={releasing} onClick={() => onRelease(p.contingent!, c.code, p.name ?? p.contingent!)} data-testid="board-release">
              {t('board.releaseNow', 'Libérer maintenant')}
            </Button>
          ) : null}
        </Flex>
      </Td>
    );
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Box background="neutral0" padding={4} hasRadius shadow="tableShadow">
        <Table colCount={6} rowCount={gauges.length + 1}>
          {header}
          <Tbody>
            {gauges.map((g) => (
              <Tr key={g.label} data-testid="board-gauge">
                <Td>
                  <Typography fontWeight="bold">{g.label}</Typography>
                </Td>
                <Figures f={g.f} />
                <Td />
              </Tr>
            ))}
          </Tbody>
        </Table>
        <Box paddingTop={3}>
          <Typography variant="pi" textColor="neutral600" data-testid="board-limits">
            {t('board.limits', 'Limites')} : {Object.keys(board.limits).length === 0 ? t('board.noLimits', 'aucune') : JSON.stringify(board.limits)}
          </Typography>
        </Box>
        {data.canRelease ? <LimitsForm data={data} t={t} /> : null}
      </Box>
      {board.categories.map((c) => (
        <Box key={c.code} background="neutral0" padding={4} hasRadius shadow="tableShadow" data-testid="board-category" data-code={c.code}>
          <Typography variant="delta" tag="h2">
            {c.code} · {c.kind === 'unnumbered' ? t('board.unnumbered', 'placement libre') : t('board.numbered', 'numérotée')}
          </Typography>
          <Box paddingTop={2}>
            <Table colCount={6} rowCount={c.pools.length + 2}>
              {header}
              <Tbody>
                <Tr>
                  <Td>
                    <Typography fontWeight="bold">{t('board.category', 'Catégorie')}</Typography>
                  </Td>
                  <Figures f={c} />
                  <Td />
                </Tr>
                {c.pools.map((p) => (
                  <Tr key={p.contingent ?? ''} data-testid="board-pool" data-pool={p.contingent ?? 'OPEN'}>
                    <Td>
                      <Typography>{p.contingent ? `${p.name ?? p.contingent} (${p.contingent})` : t('board.openSale', 'Vente libre')}</Typography>
                    </Td>
                    <Figures f={p} />
                    {p.contingent ? releaseCell(c, p) : <Td />}
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        </Box>
      ))}
      {data.seating ? <StatusPlan seating={data.seating} t={t} /> : null}
    </Flex>
  );
}

function StatusPlan({ seating, t }: { seating: NonNullable<BoardView['seating']>; t: Translate }) {
  const index = React.useMemo(() => indexPlan(seating.plan), [seating.plan]);
  const colors = React.useMemo(() => {
    const sellable = new Set<string>();
    for (const ids of Object.values(seating.layout?.seatsByCategory ?? {})) for (const id of ids) sellable.add(id);
    return statusColors(index.ids, seating.seatStatuses, sellable);
  }, [index, seating]);
  const selected = React.useMemo(() => new Uint8Array(index.n), [index]);
  const legend = [
    t('board.free', 'Libre'),
    t('board.statusHeld', 'Réservée (non vendue)'),
    t('board.statusSold', 'Vendue'),
    t('board.statusKilled', 'Neutralisée'),
    t('board.statusReserved', 'Contingent non libéré'),
  ];
  return (
    <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" data-testid="board-plan">
      <Typography variant="delta" tag="h2">
        {t('board.plan', 'Plan par statut de place')}
      </Typography>
      <Flex gap={4} paddingTop={2} paddingBottom={2} wrap="wrap">
        {legend.map((label, i) => (
          <Flex key={label} gap={1}>
            <span style={{ display: 'inline-block', width: 12, height: 12, background: STATUS_PALETTE[i], borderRadius: 2 }} />
            <Typography variant="pi">{label}</Typography>
          </Flex>
        ))}
      </Flex>
      <PlanCanvas
        plan={seating.plan}
        index={index}
        selected={selected}
        selectedArea={null}
        colorOf={colors}
        palette={STATUS_PALETTE}
        tool="pan"
        readOnly
        t={t}
        label={t('board.planLabel', 'Plan de salle : {seats} places', { seats: index.n })}
        onSelectSeats={() => undefined}
        onSelectArea={() => undefined}
      />
    </Box>
  );
}

const LIMIT_FIELDS = ['minPerHold', 'maxPerHold', 'maxPerBuyer'] as const;

/** The performance's own limits (per hold, per buyer; the others kept as they are), saved through the write guard. */
function LimitsForm({ data, t }: { data: BoardView; t: Translate }) {
  const { lang } = useTranslate();
  const own = React.useMemo(() => (data.performance.limits && typeof data.performance.limits === 'object' ? (data.performance.limits as Record<string, unknown>) : {}), [data.performance.limits]);
  const initial = React.useMemo(() => Object.fromEntries(LIMIT_FIELDS.map((f) => [f, own[f] === undefined || own[f] === null ? '' : String(own[f])])), [own]);
  const [values, setValues] = React.useState<Record<string, string>>(initial);
  React.useEffect(() => setValues(initial), [initial]);
  const [save, { isLoading }] = useSaveBoardLimitsMutation();
  const [outcome, setOutcome] = React.useState<{ ok: boolean; text: string } | null>(null);
  const labels: Record<(typeof LIMIT_FIELDS)[number], string> = {
    minPerHold: t('board.minPerHold', 'Minimum par réservation'),
    maxPerHold: t('board.maxPerHold', 'Maximum par réservation'),
    maxPerBuyer: t('board.maxPerBuyer', 'Maximum par acheteur'),
  };
  async function submit() {
    const limits: Record<string, unknown> = { ...own };
    for (const f of LIMIT_FIELDS) {
      const v = values[f].trim();
      if (v === '') delete limits[f];
      else limits[f] = Number(v);
    }
    try {
      await save({ documentId: data.performance.documentId, limits: Object.keys(limits).length === 0 ? null : limits }).unwrap();
      setOutcome({ ok: true, text: t('board.limitsSaved', 'Limites enregistrées.') });
    } catch (e) {
      setOutcome({ ok: false, text: apiFailure(e, lang).message });
    }
  }
  return (
    <Box paddingTop={3} data-testid="board-limits-form">
      <Typography variant="sigma">{t('board.ownLimits', 'Limites propres à la séance (vide : celles de la configuration logique)')}</Typography>
      <Flex gap={3} alignItems="flex-end" paddingTop={2}>
        {LIMIT_FIELDS.map((f) => (
          <Field.Root key={f} name={f} id={`board-${f}`} style={{ width: 200 }}>
            <Field.Label>{labels[f]}</Field.Label>
            <TextInput
              type="number"
              size="S"
              name={f}
              data-testid={`board-limit-${f}`}
              value={values[f]}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [f]: e.target.value }))}
            />
          </Field.Root>
        ))}
        <Button size="S" onClick={submit} loading={isLoading} data-testid="board-limits-save">
          {t('board.saveLimits', 'Enregistrer les limites')}
        </Button>
      </Flex>
      {outcome ? (
        <Typography variant="pi" textColor={outcome.ok ? 'success600' : 'danger600'} data-testid="board-limits-outcome">
          {outcome.text}
        </Typography>
      ) : null}
    </Box>
  );
}
