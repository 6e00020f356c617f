# STANDS IN FOR AWS: CloudWatch GetMetricData with metric math. moto 5.2.5 evaluates no expression (one returns data
# only when it is a bare id), ignores a query's namespace once it has dimensions and computes no percentile. This module
# answers GetMetricData as the CloudWatch documentation describes it, and refuses what CloudWatch refuses.
# Sources, cited below by name:
#   [API]  GetMetricData and MetricDataQuery / MetricStat, CloudWatch API Reference
#          https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
#   [MATH] Using math expressions with CloudWatch metrics, CloudWatch User Guide
#          https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
# It imports nothing of moto: the launcher hands it the request's queries and the stored datapoints.
import math
import re
from datetime import timedelta

# [API] "You can include up to 500 MetricDataQuery structures in one GetMetricData request."
MAX_QUERIES = 500
# [API] Id: 1 to 255 characters; "The valid characters are letters, numbers, and underscore. The first character must
# be a lowercase letter." It must be unique within the request.
ID = re.compile(r"[a-z][A-Za-z0-9_]{0,254}")
# [API] Expression: 1 to 2048 characters.
MAX_EXPRESSION = 2048
# [API] MetricStat.Period: "1, 5, 10, 20, 30, 60, or any multiple of 60".
SHORT_PERIODS = (1, 5, 10, 20, 30)
PERCENTILE = re.compile(r"p(\d{1,2}(\.\d{1,2})?|100)")
SIMPLE_STATS = ("Sum", "Average", "Minimum", "Maximum", "SampleCount")
# [API] Stat also takes the extended statistics (trimmed, winsorized, ...): valid in CloudWatch, not computed here.
EXTENDED_STAT = re.compile(r"(tm|wm|tc|ts|pr|TM|WM|TC|TS|PR)\(.*\)|(tm|wm|tc|ts)\d{1,2}(\.\d{1,2})?|IQM")
# [MATH] the functions of "Functions supported for metric math"; those outside EVALUATED are CloudWatch's but this
# stand-in does not compute them, and says so rather than answer something CloudWatch would not.
EVALUATED = ("FILL", "IF", "METRICS", "SUM", "AVG", "MAX", "MIN")
DOCUMENTED = EVALUATED + ("ABS", "ANOMALY_DETECTION_BAND", "CEIL", "DATAPOINT_COUNT", "DAY", "DATE", "DIFF",
                          "DIFF_TIME", "EPOCH", "FIRST", "FLOOR", "HOUR", "INSIGHT_RULE_METRIC", "LAST", "LOG",
                          "LOG10", "METRIC_COUNT", "MINUTE", "MONTH", "PERIOD", "RATE", "REMOVE_EMPTY",
                          "RUNNING_SUM", "SEARCH", "SERVICE_QUOTA", "SLICE", "SORT", "STDDEV", "TIME_SERIES",
                          "YEAR")


class MetricMathError(Exception):
    """What CloudWatch answers with a 400 ValidationError; nothing is evaluated."""


class Series:
    """One time series: values by period start; an empty one is a metric with no datapoint in the range."""

    def __init__(self, points, grid, label):
        self.points = points
        self.grid = grid
        self.label = label

    def like(self, points):
        return Series(points, self.grid, self.label)


def finite(points):
    # [MATH] "If the value of a data point causes a function to attempt to divide by zero, the data point is dropped."
    return {time: value for time, value in points.items() if value is not None and math.isfinite(value)}


def get_metric_data(queries, start, end, datapoints):
    """The MetricDataResults of a GetMetricData request, in request order, oldest value first.

    queries: the request's MetricDataQueries as the API names their members; datapoints(namespace, name, dimensions,
    unit): the stored (timestamp, value) pairs of exactly that metric."""
    check_request(queries, start, end)
    by_id = {query["Id"]: query for query in queries}
    evaluator = Evaluator(by_id, start, end, datapoints)
    results = []
    for query in queries:
        if not returns_data(query):
            continue
        value = evaluator.value_of(query["Id"])
        if isinstance(value, float):
            # [MATH] "The final result of any math expression must be a single time series or an array of time series"
            raise MetricMathError(f"Error in expression {query['Id']}: the result is a scalar, not a time series")
        for series in value if isinstance(value, list) else [value]:
            times = sorted(series.points)
            results.append({"id": query["Id"], "label": query.get("Label") or series.label,
                             "timestamps": times, "values": [series.points[time] for time in times],
                             "status_code": "Complete"})
    return results


def returns_data(query):
    return str(query.get("ReturnData", True)).lower() != "false"


def check_request(queries, start, end):
    if not queries:
        raise MetricMathError("The parameter MetricDataQueries is required.")
    if len(queries) > MAX_QUERIES:
        raise MetricMathError(f"The collection MetricDataQueries must not have a size greater than {MAX_QUERIES}.")
    if start >= end:
        raise MetricMathError("The parameter StartTime must be less than the parameter EndTime.")
    seen = set()
    for number, query in enumerate(queries, 1):
        member = f"MetricDataQueries.member.{number}"
        identifier = query.get("Id") or ""
        if not ID.fullmatch(identifier):
            raise MetricMathError(f"The value {identifier} for parameter {member}.Id is not valid: it must start with"
                                  " a lowercase letter and hold only letters, digits and underscores.")
        if identifier in seen:
            raise MetricMathError(f"The value {identifier} for parameter {member}.Id is not unique.")
        seen.add(identifier)
        # [API] "Within one MetricDataQuery object, you must specify either Expression or MetricStat but not both."
        if ("Expression" in query) == ("MetricStat" in query):
            raise MetricMathError(f"Exactly one of the parameters {member}.Expression and {member}.MetricStat"
                                  " must be specified.")
        if "Expression" in query and not 0 < len(query["Expression"]) <= MAX_EXPRESSION:
            raise MetricMathError(f"The parameter {member}.Expression must be 1 to {MAX_EXPRESSION} characters.")
        if "MetricStat" in query:
            check_stat(member, query["MetricStat"])


def check_stat(member, stat):
    period = int(stat.get("Period") or 0)
    if period not in SHORT_PERIODS and (period <= 0 or period % 60):
        raise MetricMathError(f"The value {period} for parameter {member}.MetricStat.Period is not valid: use 1, 5,"
                              " 10, 20, 30, 60 or a multiple of 60.")
    name = stat.get("Stat") or ""
    if EXTENDED_STAT.fullmatch(name):
        raise MetricMathError(f"{member}.MetricStat.Stat {name} is valid in CloudWatch but the local runtime does"
                              f" not compute it: use one of {', '.join(SIMPLE_STATS)} or a percentile pNN.")
    if name not in SIMPLE_STATS and not PERCENTILE.fullmatch(name):
        # The message CloudWatch gives, word for word.
        raise MetricMathError(f"The value for parameter {member}.MetricStat.Stat is not a valid statistic.")


def grid_of(start, end, period):
    """The period starts of the range. [API] StartTime: a start less than 15 days ago is rounded down to the whole
    minute; with a period of 5, 10, 20 or 30 seconds, to an even division of the minute."""
    step = period if period < 60 else 60
    first = start.replace(microsecond=0) - timedelta(seconds=start.second % step)
    times = []
    while first < end:
        times.append(first)
        first += timedelta(seconds=period)
    return times


def statistic(name, values):
    if name == "Sum":
        return sum(values)
    if name == "Average":
        return sum(values) / len(values)
    if name == "Minimum":
        return min(values)
    if name == "Maximum":
        return max(values)
    if name == "SampleCount":
        return float(len(values))
    ranked = sorted(values)
    return ranked[max(0, math.ceil(float(name[1:]) / 100 * len(ranked)) - 1)]


class Evaluator:
    def __init__(self, by_id, start, end, datapoints):
        self.by_id = by_id
        self.start = start
        self.end = end
        self.datapoints = datapoints
        self.values = {}
        self.evaluating = []

    def value_of(self, identifier, referrer=None):
        if identifier not in self.by_id:
            raise MetricMathError(f"Error in expression {referrer}: Unrecognized identifier {identifier}")
        if identifier in self.evaluating:
            raise MetricMathError(f"Error in expression {referrer}: circular reference through "
                                  + " -> ".join(self.evaluating + [identifier]))
        if identifier not in self.values:
            self.evaluating.append(identifier)
            query = self.by_id[identifier]
            if "MetricStat" in query:
                self.values[identifier] = self.metric(query["MetricStat"])
            else:
                self.values[identifier] = Expression(query["Expression"], identifier, self).evaluate()
            self.evaluating.pop()
        return self.values[identifier]

    def metric(self, stat):
        metric = stat["Metric"]
        period = int(stat["Period"])
        dimensions = {dimension["Name"]: dimension["Value"] for dimension in metric.get("Dimensions") or []}
        stored = self.datapoints(metric["Namespace"], metric["MetricName"], dimensions, stat.get("Unit"))
        grid = grid_of(self.start, self.end, period)
        points = {}
        for first in grid:
            values = [value for time, value in stored if first <= time < first + timedelta(seconds=period)]
            if values:
                points[first] = float(statistic(stat["Stat"], values))
        return Series(points, grid, f"{metric['MetricName']} {stat['Stat']}")

    def metrics(self, containing):
        # [MATH] METRICS() "returns all the metrics in the request. Math expressions aren't included"; with a string,
        # those "that contain that string in their Id field".
        return [self.value_of(identifier) for identifier, query in self.by_id.items()
                if "MetricStat" in query and containing in identifier]


TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d*)?|\.\d+)|(?P<string>\"[^\"]*\"|'[^']*')"
                   r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<operator>==|!=|<=|>=|&&|\|\||[-+*/^<>()\[\],]))")
COMPARISONS = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<=": lambda a, b: a <= b,
               ">=": lambda a, b: a >= b, "<": lambda a, b: a < b, ">": lambda a, b: a > b}
ARITHMETIC = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
              "/": lambda a, b: a / b if b else math.nan, "^": lambda a, b: power(a, b)}
LOGICAL = {"AND": lambda a, b: bool(a) and bool(b), "&&": lambda a, b: bool(a) and bool(b),
           "OR": lambda a, b: bool(a) or bool(b), "||": lambda a, b: bool(a) or bool(b)}
FILL_MODES = ("REPEAT", "LINEAR")


def power(base, exponent):
    try:
        result = base ** exponent
        return result if isinstance(result, float) else math.nan
    except (OverflowError, ZeroDivisionError):
        return math.nan


class Expression:
    """A recursive-descent reading of one expression, by precedence: OR, AND, comparison, + -, * /, unary -, ^."""

    def __init__(self, text, identifier, evaluator):
        self.identifier = identifier
        self.evaluator = evaluator
        self.tokens = []
        position = 0
        while position < len(text):
            match = TOKEN.match(text, position)
            if not match or match.end() == position:
                if text[position:].strip() == "":
                    break
                self.fail(f"unexpected character {text[position:].strip()[0]!r}")
            self.tokens.append((match.lastgroup, match.group(match.lastgroup)))
            position = match.end()
        self.position = 0

    def fail(self, problem):
        raise MetricMathError(f"Error in expression {self.identifier}: {problem}")

    def evaluate(self):
        if not self.tokens:
            self.fail("the expression is empty")
        value = self.logical(("OR", "||"), self.conjunction)
        if self.position < len(self.tokens):
            self.fail(f"unexpected {self.tokens[self.position][1]!r}")
        return value

    def peek(self):
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def take(self, expected=None):
        if self.position >= len(self.tokens):
            self.fail("the expression ends too early" + (f": {expected!r} expected" if expected else ""))
        kind, text = self.tokens[self.position]
        if expected is not None and text != expected:
            self.fail(f"{expected!r} expected, found {text!r}")
        self.position += 1
        return kind, text

    def logical(self, operators, operand):
        value = operand()
        while self.peek() in operators:
            _, operator = self.take()
            value = combine(value, operand(), LOGICAL[operator], self.fail)
        return value

    def conjunction(self):
        return self.logical(("AND", "&&"), self.comparison)

    def comparison(self):
        value = self.additive()
        if self.peek() in COMPARISONS:
            _, operator = self.take()
            value = combine(value, self.additive(), COMPARISONS[operator], self.fail)
        return value

    def additive(self):
        value = self.multiplicative()
        while self.peek() in ("+", "-"):
            _, operator = self.take()
            value = combine(value, self.multiplicative(), ARITHMETIC[operator], self.fail)
        return value

    def multiplicative(self):
        value = self.unary()
        while self.peek() in ("*", "/"):
            _, operator = self.take()
            value = combine(value, self.unary(), ARITHMETIC[operator], self.fail)
        return value

    def unary(self):
        if self.peek() == "-":
            self.take()
            return combine(-1.0, self.unary(), ARITHMETIC["*"], self.fail)
        return self.exponent()

    def exponent(self):
        base = self.primary()
        if self.peek() == "^":
            self.take()
            return combine(base, self.unary(), ARITHMETIC["^"], self.fail)
        return base

    def primary(self):
        kind, text = self.take()
        if kind == "number":
            return float(text)
        if text == "(":
            value = self.logical(("OR", "||"), self.conjunction)
            self.take(")")
            return value
        if text == "[":
            members = self.arguments("]")
            if not members or any(isinstance(member, (float, str)) for member in members):
                self.fail("an array holds time series only")
            return [series for member in members for series in (member if isinstance(member, list) else [member])]
        if kind == "name" and self.peek() == "(":
            self.take()
            return self.call(text, self.arguments(")"))
        if kind == "name" and text in FILL_MODES:
            return text
        if kind == "name":
            return self.evaluator.value_of(text, self.identifier)
        if kind == "string":
            return text[1:-1]
        self.fail(f"unexpected {text!r}")

    def arguments(self, closing):
        members = []
        if self.peek() == closing:
            self.take()
            return members
        while True:
            members.append(self.logical(("OR", "||"), self.conjunction))
            _, text = self.take()
            if text == closing:
                return members
            if text != ",":
                self.fail(f"',' or {closing!r} expected, found {text!r}")

    def call(self, name, arguments):
        if name not in DOCUMENTED:
            # [MATH] "All functions must be written in uppercase letters"; anything else is no function.
            self.fail(f"Unrecognized function {name}")
        if name not in EVALUATED:
            self.fail(f"{name} is a CloudWatch function the local runtime does not evaluate; it evaluates"
                      f" {', '.join(EVALUATED)}")
        if any(isinstance(argument, str) for argument in arguments) and name not in ("FILL", "METRICS"):
            self.fail(f"{name} takes no string argument")
        if name == "METRICS":
            if len(arguments) > 1 or (arguments and not isinstance(arguments[0], str)):
                self.fail("METRICS takes nothing or one string")
            return self.evaluator.metrics(arguments[0] if arguments else "")
        if name == "FILL":
            return self.fill(arguments)
        if name == "IF":
            return self.conditional(arguments)
        if len(arguments) != 1 or isinstance(arguments[0], float):
            self.fail(f"{name} takes one time series or one array of time series")
        return aggregate(name, arguments[0])

    def fill(self, arguments):
        # [MATH] FILL(TS | TS[], S | TS | REPEAT | LINEAR) fills the missing values of a time series.
        if len(arguments) != 2 or isinstance(arguments[0], (float, str)):
            self.fail("FILL takes a time series or an array, and a value, a time series, REPEAT or LINEAR")
        filler = arguments[1]
        if isinstance(filler, str) and filler not in FILL_MODES:
            self.fail(f"FILL takes REPEAT or LINEAR, not {filler!r}")
        if isinstance(filler, list):
            self.fail("FILL takes one time series as its filler, not an array")
        if isinstance(arguments[0], list):
            return [filled(series, filler) for series in arguments[0]]
        return filled(arguments[0], filler)

    def conditional(self, arguments):
        # [MATH] "Using IF expressions": IF(condition, trueValue[, falseValue]); a condition of 0 is false.
        if len(arguments) not in (2, 3):
            self.fail("IF takes a condition, a value if true and, optionally, a value if false")
        if any(isinstance(argument, list) for argument in arguments):
            self.fail("IF takes no array of time series")
        condition, when_true = arguments[0], arguments[1]
        when_false = arguments[2] if len(arguments) == 3 else None
        if isinstance(condition, float):
            chosen = when_true if condition else when_false
            if isinstance(chosen, Series):
                return chosen
            template = next((value for value in (when_true, when_false) if isinstance(value, Series)), None)
            if template is None:
                self.fail("IF needs a time series among its arguments")
            # An omitted falseValue makes "an empty time series".
            return template.like({} if chosen is None else {time: chosen for time in template.grid})
        points = {}
        for time, value in condition.points.items():
            if value:
                # A true condition whose trueValue series lacks the point has the value 0.
                points[time] = when_true if isinstance(when_true, float) else when_true.points.get(time, 0.0)
            elif isinstance(when_false, float):
                points[time] = when_false
            elif isinstance(when_false, Series) and time in when_false.points:
                points[time] = when_false.points[time]
        return condition.like(points)


def filled(series, filler):
    grid = series.grid
    if isinstance(filler, float):
        return series.like({time: series.points.get(time, filler) for time in grid})
    if isinstance(filler, Series):
        points = dict(series.points)
        points.update({time: filler.points[time] for time in grid
                       if time not in points and time in filler.points})
        return series.like(points)
    known = sorted(series.points)
    if not known:
        return series
    points = {}
    for time in grid:
        if time in series.points:
            points[time] = series.points[time]
            continue
        before = [moment for moment in known if moment < time]
        after = [moment for moment in known if moment > time]
        if filler == "REPEAT" or not (before and after):
            # The most recent value before the gap; a gap at the start takes the first value.
            points[time] = series.points[before[-1] if before else after[0]]
        else:
            left, right = before[-1], after[0]
            share = (time - left).total_seconds() / (right - left).total_seconds()
            points[time] = series.points[left] + share * (series.points[right] - series.points[left])
    return series.like(points)


def aggregate(name, value):
    reduce = {"SUM": sum, "AVG": lambda values: sum(values) / len(values), "MAX": max, "MIN": min}[name]
    if isinstance(value, Series):
        # [MATH] of a single time series: "a scalar" over all of its data points; NaN for none, so it yields nothing.
        return float(reduce(list(value.points.values()))) if value.points else math.nan
    if not value:
        return math.nan
    times = sorted({time for series in value for time in series.points})
    points = {}
    for time in times:
        if name in ("SUM", "AVG"):
            # [MATH] AVG of an array: "Missing values are treated as 0"; so for SUM, where 0 changes nothing.
            points[time] = reduce([series.points.get(time, 0.0) for series in value])
        else:
            points[time] = reduce([series.points[time] for series in value if time in series.points])
    return Series(finite(points), value[0].grid, name)


def combine(left, right, operation, fail):
    """An operator over scalars, time series and arrays. [MATH] "Missing values in a time series are treated as 0",
    and a division by zero drops the point. A metric with no datapoint in the whole range makes no series to align
    with: the result has no value (as ALB's HTTPCode_* metrics show for a period without such responses) unless it
    is filled first."""
    if isinstance(left, str) or isinstance(right, str):
        fail("REPEAT, LINEAR and strings are arguments of FILL and METRICS only")
    if isinstance(left, list) or isinstance(right, list):
        if isinstance(left, list) and isinstance(right, list):
            fail("an operator takes at most one array of time series")
        return [combine(series, right, operation, fail) for series in left] if isinstance(left, list) \
            else [combine(left, series, operation, fail) for series in right]
    if isinstance(left, float) and isinstance(right, float):
        return float(operation(left, right))
    if isinstance(right, float):
        return left.like(finite({time: float(operation(value, right)) for time, value in left.points.items()}))
    if isinstance(left, float):
        return right.like(finite({time: float(operation(left, value)) for time, value in right.points.items()}))
    if not left.points or not right.points:
        return left.like({})
    times = set(left.points) | set(right.points)
    return left.like(finite({time: float(operation(left.points.get(time, 0.0), right.points.get(time, 0.0)))
                             for time in times}))
