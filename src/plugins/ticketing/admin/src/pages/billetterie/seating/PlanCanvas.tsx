import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Minus, Plus, Expand } from '@strapi/icons';
import type { PlanRectangle, SeatingPlan } from '../../../../../shared/seating-plan';
import type { Translate } from '../../../utils/translate';
import { areaAt, areaBounds, seatAt, seatsIn, SEAT_SIZE, type PlanIndex } from './model';

export type Tool = 'select' | 'move' | 'area' | 'pan';
export type SelectMode = 'replace' | 'add' | 'toggle';

export interface PlanCanvasProps {
  plan: SeatingPlan;
  index: PlanIndex;
  selected: Uint8Array;
  selectedArea: string | null;
  /** Per seat: index in `palette`, or -1 for the default colour. */
  colorOf?: Int16Array;
  palette?: string[];
  killed?: Uint8Array;
  /** Fill of an area (default: neutral). */
  areaFill?: (areaId: string) => string | null;
  tool: Tool;
  readOnly?: boolean;
  label: string;
  t: Translate;
  onSelectSeats: (seats: number[], mode: SelectMode) => void;
  onSelectArea: (id: string | null) => void;
  onMove?: (dx: number, dy: number) => void;
  onDrawArea?: (rect: PlanRectangle) => void;
  /** Keys of the editor (return true when handled); arrows pan the view otherwise. */
  onKey?: (e: React.KeyboardEvent) => boolean;
}

interface View {
  scale: number;
  tx: number;
  ty: number;
}

const HEIGHT = 620;
const DEFAULT_SEAT = '#8e8ea9';

/**
 * The plan on one <canvas>: seats as squares batched per colour (one path per colour, no DOM node
 * per seat), areas, the stage, the selection. Click selects a seat (shift-click adds or removes it),
 * a drag draws a selection rectangle (shift adds), the wheel zooms around the pointer, the « pan »
 * tool, the middle button or Space + drag pans. The view (scale, offset) is published on the
 * canvas's `data-view` attribute and the number of seats painted on `data-painted-seats`.
 */
export function PlanCanvas(props: PlanCanvasProps) {
  const { plan, index, selected, selectedArea, colorOf, palette, killed, areaFill, tool, readOnly, t } = props;
  const canvasRef = React.useRef<HTMLCanvasElement>(null);
  const wrapRef = React.useRef<HTMLDivElement>(null);
  const [width, setWidth] = React.useState(900);
  const view = React.useRef<View>({ scale: 0.2, tx: 0, ty: 0 });
  const fitted = React.useRef(false);
  const drag = React.useRef<{ kind: 'rect' | 'pan' | 'move' | 'area'; x0: number; y0: number; x1: number; y1: number; shift: boolean; moved: boolean } | null>(null);
  const spaceDown = React.useRef(false);
  const frame = React.useRef(0);
  const propsRef = React.useRef(props);
  propsRef.current = props;

  React.useLayoutEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    setWidth(el.clientWidth || 900);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || 900));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fit = React.useCallback(() => {
    const b = index.bounds;
    const scale = Math.min(width / Math.max(b.width, 1), HEIGHT / Math.max(b.height, 1)) * 0.92;
    view.current = { scale, tx: (width - b.width * scale) / 2 - b.x * scale, ty: (HEIGHT - b.height * scale) / 2 - b.y * scale };
  }, [index, width]);

  const draw = React.useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const { scale, tx, ty } = view.current;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * tx, dpr * ty);
    const px = 1 / scale;
    ctx.font = `${12 * px}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    if (plan.stage) {
      ctx.fillStyle = '#dcdce4';
      ctx.fillRect(plan.stage.x, plan.stage.y, plan.stage.width, plan.stage.height);
      ctx.fillStyle = '#32324d';
      ctx.fillText(t('seating.stage', 'Scène'), plan.stage.x + plan.stage.width / 2, plan.stage.y + plan.stage.height / 2);
    }
    for (const area of plan.areas) {
      const r = areaBounds(area);
      ctx.fillStyle = areaFill?.(area.id) ?? 'rgba(142,142,169,0.35)';
      ctx.globalAlpha = 0.45;
      if (area.shape.kind === 'rectangle') ctx.fillRect(r.x, r.y, r.width, r.height);
      else {
        ctx.beginPath();
        area.shape.points.forEach(([x, y], k) => (k === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
        ctx.closePath();
        ctx.fill();
      }
      ctx.globalAlpha = 1;
      ctx.lineWidth = (area.id === selectedArea ? 3 : 1) * px;
      ctx.strokeStyle = area.id === selectedArea ? '#4945ff' : '#666687';
      ctx.strokeRect(r.x, r.y, r.width, r.height);
      ctx.fillStyle = '#32324d';
      ctx.fillText(`${area.name} (${area.capacity})`, r.x + r.width / 2, r.y + r.height / 2);
    }
    // Seats: one path per colour.
    const colours = palette ?? [];
    const paths = colours.map(() => new Path2D());
    const plain = new Path2D();
    const selection = new Path2D();
    const crosses = new Path2D();
    const marks = new Path2D();
    const h = SEAT_SIZE / 2;
    const move = drag.current?.kind === 'move' ? { dx: (drag.current.x1 - drag.current.x0) / scale, dy: (drag.current.y1 - drag.current.y0) / scale } : null;
    // Only the seats in view are drawn.
    const vx0 = -tx / scale - SEAT_SIZE;
    const vy0 = -ty / scale - SEAT_SIZE;
    const vx1 = (width - tx) / scale + SEAT_SIZE;
    const vy1 = (HEIGHT - ty) / scale + SEAT_SIZE;
    let painted = 0;
    for (let i = 0; i < index.n; i++) {
      let x = index.xs[i];
      let y = index.ys[i];
      if (move && selected[i]) {
        x += move.dx;
        y += move.dy;
      }
      if (x < vx0 || x > vx1 || y < vy0 || y > vy1) continue;
      painted++;
      const c = colorOf ? colorOf[i] : -1;
      (c >= 0 && c < paths.length ? paths[c] : plain).rect(x - h, y - h, SEAT_SIZE, SEAT_SIZE);
      if (selected[i]) selection.rect(x - h - 4, y - h - 4, SEAT_SIZE + 8, SEAT_SIZE + 8);
      if (killed?.[i]) {
        crosses.moveTo(x - h, y - h);
        crosses.lineTo(x + h, y + h);
        crosses.moveTo(x + h, y - h);
        crosses.lineTo(x - h, y + h);
      }
      const f = index.flags[i];
      if (f & 1) {
        marks.moveTo(x + h / 2, y);
        marks.arc(x, y, h / 2, 0, 2 * Math.PI);
      } else if (f & 2) marks.rect(x - h / 3, y - h / 3, (2 * h) / 3, (2 * h) / 3);
    }
    ctx.fillStyle = DEFAULT_SEAT;
    ctx.fill(plain);
    paths.forEach((p, k) => {
      ctx.fillStyle = colours[k];
      ctx.fill(p);
    });
    ctx.fillStyle = '#ffffff';
    ctx.fill(marks);
    ctx.lineWidth = Math.max(2 * px, 3);
    ctx.strokeStyle = '#212134';
    ctx.stroke(crosses);
    ctx.lineWidth = 2 * px;
    ctx.strokeStyle = '#4945ff';
    ctx.stroke(selection);
    // Numbers once seats are big enough to read them.
    if (SEAT_SIZE * scale >= 18 && painted < 4000) {
      ctx.fillStyle = '#ffffff';
      ctx.font = `${Math.min(SEAT_SIZE * 0.45, 11 * px)}px sans-serif`;
      for (let i = 0; i < index.n; i++) {
        const x = index.xs[i];
        const y = index.ys[i];
        if (x < vx0 || x > vx1 || y < vy0 || y > vy1 || index.flags[i]) continue;
        ctx.fillText(index.numbers[i], x, y);
      }
    }
    // The rectangle being drawn.
    const d = drag.current;
    if (d && (d.kind === 'rect' || d.kind === 'area') && d.moved) {
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#4945ff';
      ctx.setLineDash([4, 3]);
      ctx.fillStyle = d.kind === 'area' ? 'rgba(73,69,255,0.15)' : 'rgba(73,69,255,0.06)';
      ctx.fillRect(Math.min(d.x0, d.x1), Math.min(d.y0, d.y1), Math.abs(d.x1 - d.x0), Math.abs(d.y1 - d.y0));
      ctx.strokeRect(Math.min(d.x0, d.x1), Math.min(d.y0, d.y1), Math.abs(d.x1 - d.x0), Math.abs(d.y1 - d.y0));
      ctx.setLineDash([]);
    }
    canvas.setAttribute('data-view', JSON.stringify({ scale: round4(scale), tx: round4(tx), ty: round4(ty) }));
    canvas.setAttribute('data-painted-seats', String(painted));
  }, [plan, index, selected, selectedArea, colorOf, palette, killed, areaFill, width, t]);

  // A frame already asked draws with the latest props (not those of when it was asked).
  const drawRef = React.useRef(draw);
  drawRef.current = draw;
  const schedule = React.useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(() => drawRef.current());
  }, []);

  // A change of what is drawn is painted in the same frame (drawn before the browser paints);
  // pans, zooms and drags wait for the next frame.
  React.useLayoutEffect(() => {
    if (!fitted.current) {
      fit();
      fitted.current = true;
    }
    cancelAnimationFrame(frame.current);
    draw();
  }, [fit, draw]);
  React.useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const zoomAt = (factor: number, cx: number, cy: number) => {
    const v = view.current;
    const scale = Math.min(20, Math.max(0.005, v.scale * factor));
    const f = scale / v.scale;
    view.current = { scale, tx: cx - (cx - v.tx) * f, ty: cy - (cy - v.ty) * f };
    schedule();
  };

  React.useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  });

  const toPlan = (x: number, y: number): [number, number] => [(x - view.current.tx) / view.current.scale, (y - view.current.ty) / view.current.scale];
  const local = (e: React.PointerEvent) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };

  const onPointerDown = (e: React.PointerEvent<HTMLCanvasElement>) => {
    canvasRef.current?.focus();
    const [x, y] = local(e);
    let kind: 'rect' | 'pan' | 'move' | 'area' = 'rect';
    if (e.button === 1 || e.button === 2 || tool === 'pan' || spaceDown.current) kind = 'pan';
    else if (tool === 'move' && !readOnly) kind = 'move';
    else if (tool === 'area' && !readOnly) kind = 'area';
    drag.current = { kind, x0: x, y0: y, x1: x, y1: y, shift: e.shiftKey, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d) return;
    const [x, y] = local(e);
    if (d.kind === 'pan') {
      view.current = { ...view.current, tx: view.current.tx + x - d.x1, ty: view.current.ty + y - d.y1 };
    }
    d.x1 = x;
    d.y1 = y;
    if (Math.abs(x - d.x0) > 3 || Math.abs(y - d.y0) > 3) d.moved = true;
    schedule();
  };
  const onPointerUp = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    const p = propsRef.current;
    const [ax, ay] = toPlan(d.x0, d.y0);
    const [bx, by] = toPlan(d.x1, d.y1);
    const rect = { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
    if (d.kind === 'pan') {
      schedule();
      return;
    }
    if (d.kind === 'move') {
      if (d.moved) p.onMove?.(bx - ax, by - ay);
      schedule();
      return;
    }
    if (d.kind === 'area' && d.moved) {
      p.onDrawArea?.(rect);
      schedule();
      return;
    }
    if (!d.moved) {
      const seat = seatAt(p.index, ax, ay);
      if (seat >= 0) p.onSelectSeats([seat], d.shift || e.shiftKey ? 'toggle' : 'replace');
      else {
        const area = areaAt(p.plan, ax, ay);
        if (area) p.onSelectArea(area.id);
        else if (!d.shift) p.onSelectSeats([], 'replace');
      }
    } else p.onSelectSeats(seatsIn(p.index, rect), d.shift || e.shiftKey ? 'add' : 'replace');
    schedule();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    if (e.key === ' ') {
      spaceDown.current = true;
      e.preventDefault();
      return;
    }
    if (propsRef.current.onKey?.(e)) {
      e.preventDefault();
      return;
    }
    const step = 60;
    const v = view.current;
    if (e.key === 'ArrowLeft') view.current = { ...v, tx: v.tx + step };
    else if (e.key === 'ArrowRight') view.current = { ...v, tx: v.tx - step };
    else if (e.key === 'ArrowUp') view.current = { ...v, ty: v.ty + step };
    else if (e.key === 'ArrowDown') view.current = { ...v, ty: v.ty - step };
    else if (e.key === '+' || e.key === '=') return zoomAt(1.25, width / 2, HEIGHT / 2);
    else if (e.key === '-') return zoomAt(0.8, width / 2, HEIGHT / 2);
    else if (e.key === '0') fit();
    else return;
    e.preventDefault();
    schedule();
  };

  return (
    <Box>
      <Flex gap={2} paddingBottom={2}>
        <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={() => zoomAt(1.25, width / 2, HEIGHT / 2)} data-testid="seating-zoom-in">
          {t('seating.zoomIn', 'Zoom avant')}
        </Button>
        <Button variant="tertiary" size="S" startIcon={<Minus />} onClick={() => zoomAt(0.8, width / 2, HEIGHT / 2)} data-testid="seating-zoom-out">
          {t('seating.zoomOut', 'Zoom arrière')}
        </Button>
        <Button
          variant="tertiary"
          size="S"
          startIcon={<Expand />}
          onClick={() => {
            fit();
            schedule();
          }}
          data-testid="seating-fit"
        >
          {t('seating.fit', 'Tout voir')}
        </Button>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'seating.canvasHelp',
            'Clic : choisir ; Maj+clic : ajouter/retirer ; glisser : rectangle ; molette : zoom ; Espace+glisser : déplacer la vue ; flèches, Suppr, Échap, Ctrl+Z / Ctrl+Maj+Z',
          )}
        </Typography>
      </Flex>
      <div ref={wrapRef} style={{ width: '100%', border: '1px solid #dcdce4', borderRadius: 4, background: '#fafafc' }}>
        <canvas
          ref={canvasRef}
          data-testid="seating-canvas"
          role="application"
          aria-label={props.label}
          tabIndex={0}
          width={Math.round(width * (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1))}
          height={Math.round(HEIGHT * (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1))}
          style={{ width, height: HEIGHT, display: 'block', cursor: tool === 'pan' ? 'grab' : tool === 'move' ? 'move' : 'crosshair', touchAction: 'none' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onContextMenu={(e) => e.preventDefault()}
          onKeyDown={onKeyDown}
          onKeyUp={(e) => {
            if (e.key === ' ') spaceDown.current = false;
          }}
        />
      </div>
    </Box>
  );
}

const round4 = (v: number) => Math.round(v * 10000) / 10000;
