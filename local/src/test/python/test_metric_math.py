# The metric-math stand-in (metric_math.py) against the CloudWatch User Guide's own examples ("Using math expressions
# with CloudWatch metrics") and GetMetricData's documented limits. MetricMathTest runs it with the moto venv's python.
import math
import unittest
from datetime import datetime, timedelta, timezone

from metric_math import MetricMathError, get_metric_data

START = datetime(2026, 12, 7, 6, 0, 0, tzinfo=timezone.utc)
MINUTE = timedelta(minutes=1)
END = START + 4 * MINUTE


def metric(identifier, name, stat="Sum", period=60, returned=False, dimensions=None):
    return {"Id": identifier, "ReturnData": returned,
            "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": name,
                                      "Dimensions": [{"Name": key, "Value": value}
                                                     for key, value in (dimensions or {}).items()]},
                           "Period": period, "Stat": stat}}


def expression(identifier, text, returned=True):
    return {"Id": identifier, "Expression": text, "ReturnData": returned}


class Store:
    """Datapoints by metric name; None in a minute's list is a minute without a datapoint."""

    def __init__(self, **minutes):
        self.minutes = minutes

    def __call__(self, namespace, name, dimensions, unit):
        points = []
        for minute, values in enumerate(self.minutes.get(name, [])):
            for value in values if isinstance(values, list) else [values]:
                if value is not None:
                    points.append((START + minute * MINUTE + timedelta(seconds=10), float(value)))
        return points


def values(queries, store, start=START, end=END):
    results = get_metric_data(queries, start, end, store)
    return [[None if math.isnan(value) else value for value in result["values"]] for result in results]


def by_minute(queries, store):
    """The single returned series as a list over the four minutes, None where it has no value."""
    results = get_metric_data(queries, START, END, store)
    assert len(results) == 1, results
    points = dict(zip(results[0]["timestamps"], results[0]["values"]))
    return [points.get(START + minute * MINUTE) for minute in range(4)]


ALB = [metric("errors", "HTTPCode_Target_5XX_Count"), metric("requests", "RequestCount")]


class ErrorRateTest(unittest.TestCase):

    def test_no_5xx_datapoint_at_all_leaves_the_plain_error_rate_without_a_value(self):
        store = Store(RequestCount=[100, 120, 90, 110])
        self.assertEqual(by_minute(ALB + [expression("rate", "100 * errors / requests")], store),
                         [None, None, None, None])

    def test_filled_errors_give_a_zero_error_rate_wherever_there_were_requests(self):
        store = Store(RequestCount=[100, None, 90, 110])
        self.assertEqual(by_minute(ALB + [expression("rate", "100 * FILL(errors, 0) / requests")], store),
                         [0.0, None, 0.0, 0.0])

    def test_a_missing_value_in_a_series_with_data_counts_as_zero(self):
        store = Store(RequestCount=[100, 100, 100, 100], HTTPCode_Target_5XX_Count=[None, 5, None, None])
        self.assertEqual(by_minute(ALB + [expression("rate", "100 * errors / requests")], store),
                         [0.0, 5.0, 0.0, 0.0])

    def test_a_division_by_zero_drops_the_point(self):
        store = Store(RequestCount=[0, 100, 0, 50], HTTPCode_Target_5XX_Count=[0, 1, 0, 1])
        self.assertEqual(by_minute(ALB + [expression("rate", "100 * errors / requests")], store),
                         [None, 1.0, None, 2.0])

    def test_an_expression_can_use_another_expressions_id(self):
        store = Store(RequestCount=[100, 200, 100, 100], HTTPCode_Target_5XX_Count=[1, 2, None, None])
        queries = ALB + [expression("filled", "FILL(errors, 0)", False),
                         expression("rate", "filled / requests * 100")]
        self.assertEqual(by_minute(queries, store), [1.0, 1.0, 0.0, 0.0])


class ArithmeticTest(unittest.TestCase):
    STORE = Store(RequestCount=[2, 3, None, 4], HTTPCode_Target_5XX_Count=[1, 1, 1, 1])

    def test_operators_follow_precedence_and_parentheses(self):
        self.assertEqual(by_minute(ALB + [expression("e", "requests + errors * 2 ^ 3")], self.STORE),
                         [10.0, 11.0, 8.0, 12.0])
        self.assertEqual(by_minute(ALB + [expression("e", "(requests + errors) * 2")], self.STORE),
                         [6.0, 8.0, 2.0, 10.0])
        self.assertEqual(by_minute(ALB + [expression("e", "-requests - -1")], self.STORE),
                         [-1.0, -2.0, None, -3.0])

    def test_a_scalar_applies_to_each_point_and_keeps_gaps(self):
        self.assertEqual(by_minute(ALB + [expression("e", "requests / 2")], self.STORE), [1.0, 1.5, None, 2.0])

    def test_a_scalar_result_is_refused(self):
        with self.assertRaisesRegex(MetricMathError, "scalar"):
            get_metric_data(ALB + [expression("e", "AVG(requests)")], START, END, self.STORE)


class ComparisonTest(unittest.TestCase):
    # [MATH]'s example: metric1 [30, 20, 0, 0], metric2 [20, -, 20, -].
    STORE = Store(RequestCount=[30, 20, 0, 0], HTTPCode_Target_5XX_Count=[20, None, 20, None])
    SERIES = [metric("metric1", "RequestCount"), metric("metric2", "HTTPCode_Target_5XX_Count")]

    def test_the_guides_comparison_examples(self):
        self.assertEqual(by_minute(self.SERIES + [expression("e", "metric1 < metric2")], self.STORE),
                         [0.0, 0.0, 1.0, 0.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "metric1 >= 30")], self.STORE),
                         [1.0, 0.0, 0.0, 0.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "metric1 > 15 AND metric2 > 15")], self.STORE),
                         [1.0, 0.0, 0.0, 0.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "metric1 > 25 || metric2 > 15")], self.STORE),
                         [1.0, 0.0, 1.0, 0.0])


class IfTest(unittest.TestCase):
    # [MATH]'s "Using IF expressions" tables over five timestamps; four minutes here, the fifth checked alone.
    STORE = Store(RequestCount=[1, 1, 0, 0], HTTPCode_Target_5XX_Count=[30, None, 0, 0],
                  TargetResponseTime=[0, 0, 20, None])
    SERIES = [metric("metric1", "RequestCount"), metric("metric2", "HTTPCode_Target_5XX_Count"),
              metric("metric3", "TargetResponseTime")]

    def test_the_guides_if_examples(self):
        self.assertEqual(by_minute(self.SERIES + [expression("e", "IF(metric1, metric2, metric3)")], self.STORE),
                         [30.0, 0.0, 20.0, None])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "IF(metric1, 5, metric3)")], self.STORE),
                         [5.0, 5.0, 20.0, None])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "IF(metric1, metric2, 5)")], self.STORE),
                         [30.0, 0.0, 5.0, 5.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "IF(metric2 > 10, 1)")], self.STORE),
                         [1.0, None, None, None])

    def test_a_missing_condition_point_gives_no_value(self):
        store = Store(RequestCount=[1, None, 0, 0], HTTPCode_Target_5XX_Count=[7, 7, 7, 7])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "IF(metric1, metric2, 5)")], store),
                         [7.0, None, 5.0, 5.0])


class FillTest(unittest.TestCase):
    STORE = Store(RequestCount=[None, 4, None, 8])
    SERIES = [metric("m1", "RequestCount"), metric("empty", "HTTPCode_Target_5XX_Count")]

    def test_fill_with_a_value_a_repeat_or_a_line(self):
        self.assertEqual(by_minute(self.SERIES + [expression("e", "FILL(m1, 1)")], self.STORE), [1.0, 4.0, 1.0, 8.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "FILL(m1, REPEAT)")], self.STORE),
                         [4.0, 4.0, 4.0, 8.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "FILL(m1, LINEAR)")], self.STORE),
                         [4.0, 4.0, 6.0, 8.0])

    def test_fill_with_a_value_fills_a_metric_without_any_datapoint(self):
        self.assertEqual(by_minute(self.SERIES + [expression("e", "FILL(empty, 0)")], self.STORE),
                         [0.0, 0.0, 0.0, 0.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "FILL(empty, REPEAT)")], self.STORE),
                         [None, None, None, None])

    def test_fill_with_a_series_takes_its_points(self):
        store = Store(RequestCount=[None, 4, None, 8], HTTPCode_Target_5XX_Count=[1, 1, None, 1])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "FILL(m1, empty)")], store), [1.0, 4.0, None, 8.0])


class AggregateTest(unittest.TestCase):
    STORE = Store(RequestCount=[1, 2, None, 4], HTTPCode_5XX_errors=[3, None, None, 1],
                  HTTPCode_4XX=[5, 5, None, None])
    SERIES = [metric("m1", "RequestCount"), metric("errors_5xx", "HTTPCode_5XX_errors"),
              metric("errors_4xx", "HTTPCode_4XX")]

    def test_of_an_array_per_timestamp(self):
        self.assertEqual(by_minute(self.SERIES + [expression("e", "SUM(METRICS())")], self.STORE),
                         [9.0, 7.0, None, 5.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "AVG([m1, errors_5xx])")], self.STORE),
                         [2.0, 1.0, None, 2.5])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "MAX(METRICS())")], self.STORE),
                         [5.0, 5.0, None, 4.0])
        self.assertEqual(by_minute(self.SERIES + [expression("e", "MIN(METRICS(\"errors\"))")], self.STORE),
                         [3.0, 5.0, None, 1.0])

    def test_of_a_single_series_a_scalar(self):
        self.assertEqual(by_minute(self.SERIES + [expression("e", "m1 + MAX(m1) - MIN(m1) + SUM(m1) - AVG(m1) * 3")],
                                   self.STORE), [4.0, 5.0, None, 7.0])

    def test_metrics_returns_an_array_with_one_result_each(self):
        results = get_metric_data(self.SERIES + [expression("e", "METRICS('errors') * 2")], START, END, self.STORE)
        self.assertEqual([(result["id"], result["values"]) for result in results],
                         [("e", [6.0, 2.0]), ("e", [10.0, 10.0])])


class MetricStatTest(unittest.TestCase):

    def test_each_statistic_over_the_period(self):
        store = Store(TargetResponseTime=[list(range(1, 101)), [0.5], None, [0.1, 0.3]])
        for stat, expected in (("p99", [99.0, 0.5, None, 0.3]), ("Average", [50.5, 0.5, None, 0.2]),
                               ("SampleCount", [100.0, 1.0, None, 2.0]), ("Maximum", [100.0, 0.5, None, 0.3]),
                               ("Minimum", [1.0, 0.5, None, 0.1])):
            self.assertEqual(by_minute([metric("p", "TargetResponseTime", stat, returned=True)], store), expected)

    def test_return_data_false_is_not_returned(self):
        store = Store(RequestCount=[1, 1, 1, 1])
        results = get_metric_data(ALB + [expression("e", "requests * 1", False), metric("r", "RequestCount",
                                                                                        returned=True)],
                                  START, END, store)
        self.assertEqual([result["id"] for result in results], ["r"])

    def test_start_time_is_rounded_down_to_the_minute(self):
        store = Store(RequestCount=[1, 2, 3, 4])
        results = get_metric_data([metric("r", "RequestCount", returned=True)], START + timedelta(seconds=30), END,
                                  store)
        self.assertEqual(results[0]["values"], [1.0, 2.0, 3.0, 4.0])
        self.assertEqual(results[0]["timestamps"][0], START)


class RefusedTest(unittest.TestCase):
    STORE = Store(RequestCount=[1, 1, 1, 1])

    def refused(self, queries, message):
        with self.assertRaisesRegex(MetricMathError, message):
            get_metric_data(queries, START, END, self.STORE)

    def test_bad_expressions(self):
        self.refused(ALB + [expression("e", "FOO(errors)")], "Unrecognized function FOO")
        self.refused(ALB + [expression("e", "fill(errors, 0)")], "Unrecognized function fill")
        self.refused(ALB + [expression("e", "RATE(errors)")], "RATE is a CloudWatch function the local runtime")
        self.refused(ALB + [expression("e", "100 * errors / requets")], "Unrecognized identifier requets")
        self.refused(ALB + [expression("e", "100 * (errors / requests")], "ends too early")
        self.refused(ALB + [expression("e", "errors requests")], "unexpected 'requests'")
        self.refused(ALB + [expression("e", "errors % 2")], "unexpected character '%'")
        self.refused(ALB + [expression("e", "FILL(errors, SOMETIMES)")], "Unrecognized identifier SOMETIMES")
        self.refused(ALB + [expression("e", "errors + REPEAT")], "arguments of FILL")
        self.refused(ALB + [expression("e", "IF(errors)")], "IF takes")
        self.refused(ALB + [expression("e", "f * 2"), expression("f", "e + 1", False)], "circular reference")

    def test_bad_queries(self):
        self.refused([metric("Errors", "HTTPCode_Target_5XX_Count", returned=True)], "must start with a lowercase")
        self.refused([metric("1errors", "HTTPCode_Target_5XX_Count", returned=True)], "must start with a lowercase")
        self.refused([metric("a", "RequestCount", returned=True), metric("a", "RequestCount")], "not unique")
        self.refused([dict(metric("a", "RequestCount"), Expression="a")], "Exactly one of")
        self.refused([metric("a", "RequestCount", stat="Median", returned=True)], "is not a valid statistic")
        self.refused([metric("a", "RequestCount", stat="tm99", returned=True)], "does not compute it")
        self.refused([metric("a", "RequestCount", period=45, returned=True)], "Period is not valid")
        self.refused([metric(f"m{number}", "RequestCount", returned=True) for number in range(501)],
                     "greater than 500")
        self.refused([expression("e", "x" * 2049)], "1 to 2048")

    def test_start_after_end(self):
        with self.assertRaisesRegex(MetricMathError, "StartTime"):
            get_metric_data([metric("r", "RequestCount", returned=True)], END, START, self.STORE)


if __name__ == "__main__":
    unittest.main()
