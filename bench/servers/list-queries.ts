/** The SQL of the bare route of the employees-list figures (bench/servers/list-server.ts). */

/** What GET /api/employees?administrationId=&sort=lastName (current employees) asks the database. */
export const pageQuery = `
  select e.id, e.employee_number as "employeeNumber", e.first_name as "firstName", e.last_name as "lastName", e.email,
    e.unit_id as "unitId", u.name as "unitName", u.administration_id as "administrationId", a.name as "administrationName",
    e.title, e.gender, e.start_date as "startDate", e.end_date as "endDate", e.created_at as "createdAt", e.updated_at as "updatedAt"
  from employees e
    join units u on u.id = e.unit_id
    join administrations a on a.id = u.administration_id
  where e.id in (
    select id from employees
    where administration_id = $1 and (end_date is null or end_date >= $2)
    order by last_name, first_name, id
    limit $3 offset $4)
  order by e.last_name, e.first_name, e.id`;
export const countQuery = `
  select count(*) as total from employees e
  where e.administration_id = $1 and (e.end_date is null or e.end_date >= $2)`;
