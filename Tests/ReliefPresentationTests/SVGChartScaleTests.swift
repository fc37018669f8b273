import ReliefDomain
import ReliefPresentation
import Testing

/// Charts read as a person expects (SPEC.md capability 11): round axis ticks, labels written
/// as people write amounts, dates along the time axis. Expected values worked by hand.
@Suite struct SVGChartScaleTests {
    @Test func theScaleStepsByOneTwoOrFiveTimesAPowerOfTen() {
        // 122,356.42 yuan: steps of 10,000 (13 ticks) and 20,000 (7) are too many; 50,000 gives 3.
        #expect(SVGChart.Scale(maximumFen: 12_235_642) == .init(maximumFen: 15_000_000))
        #expect(SVGChart.Scale(maximumFen: 12_235_642).stepFen == 5_000_000)
        #expect(SVGChart.Scale(maximumFen: 12_235_642).ticks == 3)
        // Exactly on a tick: no empty tick above it. 4 yuan: steps of 1 yuan, 4 ticks.
        #expect(SVGChart.Scale(maximumFen: 400).stepFen == 100)
        #expect(SVGChart.Scale(maximumFen: 400).ticks == 4)
        // 6 yuan: 6 ticks of 1 are too many, 3 of 2.
        #expect(SVGChart.Scale(maximumFen: 600).stepFen == 200)
        // 30 million yuan: steps of 10 million, 3 ticks.
        #expect(SVGChart.Scale(maximumFen: 3_000_000_000).topFen == 3_000_000_000)
        #expect(SVGChart.Scale(maximumFen: 3_000_000_000).ticks == 3)
        // Nothing to draw: one tick of one yuan.
        #expect(SVGChart.Scale(maximumFen: 0).topFen == 100)
    }

    @Test func axisLabelsAreWrittenAsPeopleWriteAmounts() throws {
        let label = { (yuan: Int64) in SVGChart.axisLabel(Money(yuan: yuan)) }
        #expect(label(0) == "0")
        #expect(label(500) == "500")
        #expect(label(5_000) == "5,000")
        #expect(label(20_000) == "2万")
        #expect(label(15_000) == "1.5万")
        #expect(label(10_000_000) == "1,000万")
        #expect(label(200_000_000) == "2亿")
        #expect(label(150_000_000) == "1.5亿")
    }

    @Test func theTimeAxisIsLabelledAtItsEndsAndMonthStarts() throws {
        let first = try CivilDate(parsing: "2020-03-01")
        let dates = (0..<122).map { first.adding(days: $0) }  // 2020-03-01 ... 2020-06-30
        // 2020-04-01, 05-01 and 06-01 are days 31, 61 and 92.
        #expect(SVGChart.dateTicks(dates) == [0, 31, 61, 92, 121])
        #expect(SVGChart.dateTicks([first]) == [0])
        #expect(SVGChart.dateTicks([]) == [])
        let svg = SVGChart.lines(title: "t", dates: dates, series: [("cash", "#000", dates.map { _ in Money(yuan: 1) })])
        #expect(svg.contains(">2020-04-01</text>") && svg.contains(">2020-06-30</text>"))
        #expect(svg.contains("class=\"legend\""))
    }
}
