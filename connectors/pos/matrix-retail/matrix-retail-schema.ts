/**
 * "matrix-retail": a second POS shape, deliberately unlike the demo, modelled on back-office
 * ERPs used by clothing and general retailers:
 * - matrix items: a parent row (PRODUCT_TYPE 'M') with child rows ('V') carrying size and
 *   colour; the children become WooCommerce variations of a variable product;
 * - prices in their own table, one row per product and price level (CHAR(4) codes), stored NET
 *   of tax; the tax rate comes from the product's tax code; children without their own price
 *   row inherit the parent's;
 * - stock per branch in its own table, NUMERIC quantities (weighed goods), and no row means 0;
 * - web selection by membership of a web-store table (a parent's membership covers its children);
 * - a MODIFIED time on products, prices and stock; descending indexes keep MAX() cheap.
 * Firebird DDL (the shape real installations have); the SQLite twin serves fast tests. The sales
 * tables (counters, till sessions, sales, lines, payments, stock movements) are in
 * matrix-retail-sales-schema.ts and come last.
 */
import { MATRIX_RETAIL_SALES_SCHEMA_FIREBIRD, MATRIX_RETAIL_SALES_SCHEMA_SQLITE } from './matrix-retail-sales-schema';

const TABLES = (t: { text: (n: number) => string; fixed: (n: number) => string; money: string; qty: string; rate: string; weight: string; stamp: string; date: string; blob: string; small: string }) => [
  `CREATE TABLE TAX_CODES (
    TAX_CODE ${t.fixed(2)} NOT NULL PRIMARY KEY,
    RATE ${t.rate} NOT NULL,
    DESCRIPTION ${t.text(40)})`,
  `CREATE TABLE DEPARTMENTS (
    DEPT_ID ${t.small} NOT NULL PRIMARY KEY,
    DEPT_NAME ${t.text(40)} NOT NULL)`,
  `CREATE TABLE PRODUCTS (
    PRODUCT_ID INTEGER NOT NULL PRIMARY KEY,
    PRODUCT_CODE ${t.text(30)},
    DESCRIPTION ${t.text(80)},
    LONG_TEXT ${t.blob},
    PRODUCT_TYPE ${t.fixed(1)} DEFAULT 'S' NOT NULL,
    PARENT_ID INTEGER,
    SIZE_CODE ${t.text(10)},
    COLOUR ${t.text(20)},
    TAX_CODE ${t.fixed(2)} NOT NULL,
    DEPT_ID ${t.small},
    WEIGHT_KG ${t.weight},
    EAN ${t.fixed(13)},
    ACTIVE ${t.fixed(1)} DEFAULT 'Y' NOT NULL,
    MODIFIED ${t.stamp} NOT NULL)`,
  'CREATE INDEX PRODUCTS_PARENT ON PRODUCTS (PARENT_ID)',
  `CREATE TABLE PRICE_LEVELS (
    LEVEL_CODE ${t.fixed(4)} NOT NULL PRIMARY KEY,
    LEVEL_NAME ${t.text(40)} NOT NULL)`,
  `CREATE TABLE PRODUCT_PRICES (
    PRODUCT_ID INTEGER NOT NULL,
    LEVEL_CODE ${t.fixed(4)} NOT NULL,
    NET_PRICE ${t.money} NOT NULL,
    VALID_FROM ${t.date},
    VALID_TO ${t.date},
    MODIFIED ${t.stamp} NOT NULL,
    PRIMARY KEY (PRODUCT_ID, LEVEL_CODE))`,
  `CREATE TABLE BRANCHES (
    BRANCH_CODE ${t.fixed(4)} NOT NULL PRIMARY KEY,
    BRANCH_NAME ${t.text(40)} NOT NULL)`,
  `CREATE TABLE STOCK_LEVELS (
    PRODUCT_ID INTEGER NOT NULL,
    BRANCH_CODE ${t.fixed(4)} NOT NULL,
    QTY ${t.qty} NOT NULL,
    MODIFIED ${t.stamp} NOT NULL,
    PRIMARY KEY (PRODUCT_ID, BRANCH_CODE))`,
  `CREATE TABLE WEB_STORES (
    STORE_ID ${t.small} NOT NULL PRIMARY KEY,
    STORE_NAME ${t.text(40)} NOT NULL)`,
  `CREATE TABLE WEB_STORE_PRODUCTS (
    STORE_ID ${t.small} NOT NULL,
    PRODUCT_ID INTEGER NOT NULL,
    ADDED_AT ${t.stamp} NOT NULL,
    PRIMARY KEY (STORE_ID, PRODUCT_ID))`,
  'CREATE INDEX WEB_STORE_PRODUCTS_PRODUCT ON WEB_STORE_PRODUCTS (PRODUCT_ID)',
];

const CHANGE_INDEXES = (descending: boolean) => ['PRODUCTS', 'PRODUCT_PRICES', 'STOCK_LEVELS'].flatMap((table) => [
  `CREATE INDEX ${table}_MODIFIED ON ${table} (MODIFIED)`,
  ...(descending ? [`CREATE DESCENDING INDEX ${table}_MODIFIED_DESC ON ${table} (MODIFIED)`] : []),
]);

export const MATRIX_RETAIL_SCHEMA_FIREBIRD: readonly string[] = [
  ...TABLES({
    text: (n) => `VARCHAR(${n})`, fixed: (n) => `CHAR(${n})`, money: 'NUMERIC(15,4)', qty: 'NUMERIC(12,3)', rate: 'NUMERIC(5,2)',
    weight: 'NUMERIC(9,3)', stamp: 'TIMESTAMP', date: 'DATE', blob: 'BLOB SUB_TYPE TEXT', small: 'SMALLINT',
  }),
  ...CHANGE_INDEXES(true),
  ...MATRIX_RETAIL_SALES_SCHEMA_FIREBIRD,
];

export const MATRIX_RETAIL_SCHEMA_SQLITE: readonly string[] = [
  ...TABLES({
    text: () => 'TEXT', fixed: () => 'TEXT', money: 'TEXT', qty: 'TEXT', rate: 'TEXT', weight: 'TEXT', stamp: 'TEXT', date: 'TEXT', blob: 'TEXT', small: 'INTEGER',
  }),
  ...CHANGE_INDEXES(false),
  ...MATRIX_RETAIL_SALES_SCHEMA_SQLITE,
];
