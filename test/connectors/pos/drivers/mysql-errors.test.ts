import { describe, expect, it } from 'vitest';
import { PosError } from '../../../../connectors/core/pos-errors';
import { classifyMysqlError } from '../../../../connectors/pos/drivers/mysql-errors';

const target = { host: 'pos-db', port: 3306, database: 'unicentaopos', user: 'till' };
/** An error shaped like mysql2's for a server error. */
const server = (errno: number, sqlState: string, sqlMessage: string) => Object.assign(new Error(sqlMessage), { errno, sqlState, sqlMessage, code: 'ER_X' });
const socket = (code: string) => Object.assign(new Error(`connect ${code}`), { code, errno: -111 });

describe('classifyMysqlError', () => {
  it.each([
    [server(1045, '28000', "Access denied for user 'till'@'host' (using password: YES)"), 'attach', 'auth', false],
    [server(1130, 'HY000', "Host 'x' is not allowed to connect"), 'attach', 'auth', false],
    [server(1049, '42000', "Unknown database 'unicentaopos'"), 'attach', 'missing-database', false],
    [server(1044, '42000', 'Access denied for user to database'), 'attach', 'missing-database', false],
    [server(1040, '08004', 'Too many connections'), 'attach', 'unreachable', true],
    [server(1142, '42000', 'SELECT command denied to user'), 'query', 'no-permission', false],
    [server(1205, 'HY000', 'Lock wait timeout exceeded; try restarting transaction'), 'query', 'lock', true],
    [server(1213, '40001', 'Deadlock found when trying to get lock'), 'query', 'lock', true],
    [server(1969, '70100', 'Query execution was interrupted (max_statement_time exceeded)'), 'query', 'timeout', true],
    [server(3024, 'HY000', 'Query execution was interrupted, maximum statement execution time exceeded'), 'query', 'timeout', true],
    [server(4031, 'HY000', 'The client was disconnected by the server because of inactivity'), 'query', 'connection-lost', true],
    [server(1927, '70100', 'Connection was killed'), 'query', 'connection-lost', true],
    [server(1053, '08S01', 'Server shutdown in progress'), 'query', 'connection-lost', true],
    [server(1062, '23000', "Duplicate entry 'x' for key 'EXT_REF'"), 'query', 'bad-data', false],
    [server(1048, '23000', "Column 'NAME' cannot be null"), 'query', 'bad-data', false],
    [server(1406, '22001', "Data too long for column 'REF'"), 'query', 'bad-data', false],
    [server(1364, 'HY000', "Field 'X' doesn't have a default value"), 'query', 'bad-data', false],
    [server(1054, '42S22', "Unknown column 'NOPE' in 'field list'"), 'query', 'bad-sql', false],
    [server(1146, '42S02', "Table 'shop.NOPE' doesn't exist"), 'query', 'bad-sql', false],
    [server(1064, '42000', 'You have an error in your SQL syntax'), 'query', 'bad-sql', false],
    [server(1792, '25006', 'Cannot execute statement in a READ ONLY transaction'), 'query', 'bad-sql', false],
    [socket('ECONNREFUSED'), 'attach', 'unreachable', true],
    [socket('ENOTFOUND'), 'attach', 'unreachable', true],
    [socket('ETIMEDOUT'), 'attach', 'unreachable', true],
    [socket('ECONNRESET'), 'query', 'connection-lost', true],
    [Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }), 'query', 'connection-lost', true],
    [new Error("Can't add new command when connection is in closed state"), 'query', 'connection-lost', true],
  ] as const)('%s (%s) → %s', (err, phase, code, retryable) => {
    const e = classifyMysqlError(err, target, phase);
    expect(e).toBeInstanceOf(PosError);
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(retryable);
    expect(e.cause).toBe(err);
  });

  it('says where and who in plain words', () => {
    expect(classifyMysqlError(server(1045, '28000', 'Access denied'), target, 'attach').message)
      .toBe('The MariaDB/MySQL server at pos-db:3306 refused the login for user "till": wrong user name or password. Check the POS user and password in the settings.');
    expect(classifyMysqlError(socket('ECONNREFUSED'), target, 'attach').message).toMatch(/^No MariaDB\/MySQL server answers at pos-db:3306 \(ECONNREFUSED\)/);
    expect(classifyMysqlError(server(1049, '42000', 'Unknown database'), target, 'attach').message).toContain('has no database "unicentaopos"');
  });

  it('passes PosErrors through unchanged', () => {
    const e = new PosError('bad-profile', 'x');
    expect(classifyMysqlError(e, target, 'query')).toBe(e);
  });
});
