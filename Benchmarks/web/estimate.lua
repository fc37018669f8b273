-- wrk script: GET /api/v1/estimate cycling 1,000 distinct loans (principal, start, term and
-- bridge days all vary), so no two consecutive requests ask the same thing.
counter = 0

request = function()
  counter = counter + 1
  local i = counter % 1000
  local principal = 100000 + i * 9973
  local path = string.format(
    "/api/v1/estimate?principal=%d.00&rate=4.35%%25&start=2019-%02d-%02d&months=%d&programme=2020&bridge_days=%d",
    principal, 1 + i % 12, 1 + i % 28, 6 + i % 55, 1 + i % 15)
  return wrk.format("GET", path)
end
