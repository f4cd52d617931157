-- wrk script: GET /wiki/api/v2/pages/{id}, cycling through the page ids listed in ids.txt (one per line).
-- PREFIX (env) is the wiki base path, e.g. /api/ex/confluence/<cloudId>.
local prefix = os.getenv("PREFIX")
local ids = {}
for line in io.lines(os.getenv("IDS") or "ids.txt") do ids[#ids + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", prefix .. "/wiki/api/v2/pages/" .. ids[(i % #ids) + 1])
end
