/**
 * Every word the segment movement template shows, in English and Spanish:
 * the sheet, its blocks, the charts, the task pane's labels, the sample's
 * header and the messages about rows. `es` is typed as `typeof en`, so a
 * missing translation does not build. The segments themselves are the
 * user's words and never pass through here.
 */
import type { Language } from "../registry-types";
import { counted, plural } from "../shared/language";
import type { MigrationWords } from "../shared/migration-matrix";
import { COMMON } from "../shared/strings";

/** The four ways a customer with a segment before can go, in the order the sheet lists them. */
export const MOVES = ["movedUp", "stayed", "movedDown", "lost"] as const;
export type Move = (typeof MOVES)[number];

const en = {
  ...COMMON.en,
  title: "Segment movement",
  description: "Migration matrix of customers (and value) between two snapshots, with moved up / stayed / moved down / lost.",
  about:
    "Counts and values are grouped from the source when the sheet was built (build again to refresh); totals, shares and the up/down split are Excel formulas over them.",

  moves: { movedUp: "Moved up", stayed: "Stayed", movedDown: "Moved down", lost: "Lost" } as Record<Move, string>,

  summaryTitle: "Summary: moved up, stayed, moved down, lost",
  summaryNote: "Shares of the customers (and value) that had a segment before; new customers are counted apart, as =CXM.SEGMENTSUMMARY does.",
  movement: "Movement",
  customers: "Customers",
  shareOfCustomers: "Share of customers before",
  value: "Value",
  shareOfValue: "Share of value before",
  withSegmentBefore: "Customers with a segment before",
  newCustomers: "New customers (not in the shares)",
  summaryChartTitle: "Where the customers with a segment before went",
  summaryChartYAxis: "Share of those with a segment before",

  movementTitle: "Movement by segment before",
  movementNote: "Moved up / down: to a segment of higher / lower rank (SUMIFS over the row of the customer matrix and the ranks); lost: no segment after.",
  segmentBefore: "Segment before",
  percentOf: { movedUp: "% moved up", stayed: "% stayed", movedDown: "% moved down", lost: "% lost" } as Record<Move, string>,
  valueOf: { movedUp: "Value moved up", stayed: "Value stayed", movedDown: "Value moved down", lost: "Value lost" } as Record<Move, string>,
  movementTable: "SegmentMovement",
  movementChartTitle: "Where each segment's customers went",
  movementChartYAxis: "Share of the segment's customers",

  orderTitle: "Segment order",
  orderNote: "Rank 1 is the lowest segment. Edit the ranks (yellow) to change what counts as moving up or down; equal ranks count as staying.",
  segment: "Segment",
  rank: "Rank",
  /** A defined name: letters, digits and "_" only. */
  rankName: "Segment_rank",
  rankComment: "Rank of each segment, 1 = lowest",

  matrix: { corner: "Before \\ After", newRow: "New", lost: "Lost", totalBefore: "Total before", totalAfter: "Total after" } as MigrationWords,
  countsTitle: "Customers by segment before and after",
  countsNote: 'Rows: segment before ("New" = no segment before); columns: segment after ("Lost" = none after). Counted when the sheet was built.',
  valuesTitle: "Value by segment before and after",
  valuesNote:
    "The same matrix summing each customer's value instead of counting customers (summed when the sheet was built). A customer whose value could not be read counts in the customer matrix, not here.",
  sharesTitle: "Where each segment's customers went (row shares)",
  sharesNote: "Each row of the customer matrix over its row total, so a row sums to 100%; the diagonal is the share that stayed.",

  columnBefore: "Segment before",
  columnAfter: "Segment after",
  columnValue: "Value",
  sampleValueHeader: "Revenue",
  optionOrder: "Segment order, lowest first (e.g. Bronze, Silver, Gold)",
  optionOrderPlaceholder: "Empty: numbers ascending, else as first seen",

  noDataRows: "The source has no data rows under its header.",
  noUsableRow: "No row can be used.",
  noneBefore: "No customer has a segment before: there is no movement to show (every customer is new). Check the Segment before column.",
  listedTwice: (segment: string) => `The segment order lists "${segment}" twice: list each segment once, lowest first.`,
  customerBlank: "The customer is blank.",
  customerAgain: (customer: string, firstRow: number) => `Customer "${customer}" appears again (first in data row ${firstRow}); each customer needs one row.`,
  noSegment: "No segment before and none after.",
  notInOrder: (segment: string, listed: string) => `The segment "${segment}" is not in the segment order (${listed}).`,
  withoutValue: (n: number) =>
    `${counted("en", n, { one: "row has", other: "rows have" })} no readable value (blank, not a number or negative): ${plural("en", n, { one: "it counts", other: "they count" })} in the movement of customers, not in the value matrix.`,
};

export type SegmentStrings = typeof en;

const es: SegmentStrings = {
  ...COMMON.es,
  title: "Movimiento entre segmentos",
  description: "Matriz de migración de clientes (y valor) entre dos cortes, con suben / se mantienen / bajan / se pierden.",
  about:
    "Los recuentos y valores se agrupan del origen al generar la hoja (vuelva a generarla para actualizarlos); los totales, porcentajes y el reparto entre subidas y bajadas son fórmulas de Excel sobre ellos.",

  moves: { movedUp: "Suben", stayed: "Se mantienen", movedDown: "Bajan", lost: "Perdidos" },

  summaryTitle: "Resumen: suben, se mantienen, bajan, perdidos",
  summaryNote: "Partes de los clientes (y del valor) que tenían segmento anterior; los clientes nuevos se cuentan aparte, como hace =CXM.SEGMENTSUMMARY.",
  movement: "Movimiento",
  customers: "Clientes",
  shareOfCustomers: "Parte de los clientes anteriores",
  value: "Valor",
  shareOfValue: "Parte del valor anterior",
  withSegmentBefore: "Clientes con segmento anterior",
  newCustomers: "Clientes nuevos (fuera de los porcentajes)",
  summaryChartTitle: "Adónde fueron los clientes con segmento anterior",
  summaryChartYAxis: "Parte de los que tenían segmento anterior",

  movementTitle: "Movimiento por segmento anterior",
  movementNote:
    "Suben / bajan: a un segmento de nivel más alto / más bajo (SUMIFS sobre la fila de la matriz de clientes y los niveles); perdidos: sin segmento actual.",
  segmentBefore: "Segmento anterior",
  percentOf: { movedUp: "% suben", stayed: "% se mantienen", movedDown: "% bajan", lost: "% perdidos" },
  valueOf: { movedUp: "Valor que sube", stayed: "Valor que se mantiene", movedDown: "Valor que baja", lost: "Valor perdido" },
  movementTable: "MovimientoPorSegmento",
  movementChartTitle: "Adónde fueron los clientes de cada segmento",
  movementChartYAxis: "Parte de los clientes del segmento",

  orderTitle: "Orden de los segmentos",
  orderNote: "El nivel 1 es el segmento más bajo. Cambie los niveles (en amarillo) para decidir qué cuenta como subir o bajar; niveles iguales cuentan como mantenerse.",
  segment: "Segmento",
  rank: "Nivel",
  rankName: "Nivel_segmento",
  rankComment: "Nivel de cada segmento, 1 = el más bajo",

  matrix: { corner: "Anterior \\ Actual", newRow: "Nuevos", lost: "Perdidos", totalBefore: "Total anterior", totalAfter: "Total actual" },
  countsTitle: "Clientes por segmento anterior y actual",
  countsNote: "Filas: segmento anterior («Nuevos» = sin segmento anterior); columnas: segmento actual («Perdidos» = sin segmento actual). Contados al generar la hoja.",
  valuesTitle: "Valor por segmento anterior y actual",
  valuesNote:
    "La misma matriz sumando el valor de cada cliente en lugar de contar clientes (sumado al generar la hoja). Un cliente cuyo valor no se pudo leer cuenta en la matriz de clientes, no aquí.",
  sharesTitle: "Adónde fueron los clientes de cada segmento (porcentajes por fila)",
  sharesNote: "Cada fila de la matriz de clientes sobre su total, así que cada fila suma 100 %; la diagonal es la parte que se mantuvo.",

  columnBefore: "Segmento anterior",
  columnAfter: "Segmento actual",
  columnValue: "Valor",
  sampleValueHeader: "Ingresos",
  optionOrder: "Orden de los segmentos, de menor a mayor (p. ej., Bronce, Plata, Oro)",
  optionOrderPlaceholder: "Vacío: números de menor a mayor; si no, por orden de aparición",

  noDataRows: "El origen no tiene filas de datos bajo el encabezado.",
  noUsableRow: "No se puede usar ninguna fila.",
  noneBefore:
    "Ningún cliente tiene segmento anterior: no hay movimiento que mostrar (todos los clientes son nuevos). Revise la columna Segmento anterior.",
  listedTwice: (segment) => `El orden de los segmentos incluye «${segment}» dos veces: indique cada segmento una vez, de menor a mayor.`,
  customerBlank: "El cliente está vacío.",
  customerAgain: (customer, firstRow) => `El cliente «${customer}» aparece de nuevo (antes en la fila de datos ${firstRow}); cada cliente necesita una sola fila.`,
  noSegment: "Sin segmento anterior ni actual.",
  notInOrder: (segment, listed) => `El segmento «${segment}» no está en el orden de los segmentos (${listed}).`,
  withoutValue: (n) =>
    `${counted("es", n, { one: "fila no tiene", other: "filas no tienen" })} un valor legible (vacío, no numérico o negativo): ${plural("es", n, { one: "cuenta", other: "cuentan" })} en el movimiento de clientes, no en la matriz de valor.`,
};

export const SEGMENT_STRINGS: Record<Language, SegmentStrings> = { en, es };
