import Testing

@testable import BaktainerS3

@Suite struct MultipartPlanTests {
    @Test func aSmallFileGoesUpInOnePut() {
        let plan = MultipartPlan(size: 3 << 20)
        #expect(!plan.isMultipart)
        #expect(plan.parts == [0..<(3 << 20)])
        #expect(MultipartPlan(size: 0).parts == [0..<0])
        #expect(!MultipartPlan(size: MultipartPlan.defaultPartSize).isMultipart)
    }

    @Test func partsAreEqualButTheLast() {
        let size = 1_000_000_007
        let plan = MultipartPlan(size: size)
        let parts = plan.parts
        #expect(plan.partSize == MultipartPlan.defaultPartSize)
        #expect(parts.count == (size + MultipartPlan.defaultPartSize - 1) / MultipartPlan.defaultPartSize)
        #expect(parts.dropLast().allSatisfy { $0.count == MultipartPlan.defaultPartSize })
        #expect(parts.last!.count <= MultipartPlan.defaultPartSize && parts.last!.count > 0)
        #expect(parts.first!.lowerBound == 0 && parts.last!.upperBound == size)
        #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }

    @Test func neverMoreThanTenThousandParts() {
        let size = 200 << 30  // 200 GiB at 16 MiB would be 12,800 parts
        let plan = MultipartPlan(size: size)
        #expect(plan.parts.count <= MultipartPlan.maximumParts)
        #expect(plan.partSize! % (1 << 20) == 0)
        #expect(plan.parts.dropLast().allSatisfy { $0.count == plan.partSize })
        // A configured size too small for the file is raised just enough.
        let configured = MultipartPlan(size: 100 << 30, configuredPartSize: 5 << 20)
        #expect(configured.parts.count <= MultipartPlan.maximumParts)
        #expect(configured.partSize! == 11 << 20)
    }

    @Test func aConfiguredPartSizeIsUsed() {
        let plan = MultipartPlan(size: 100 << 20, configuredPartSize: 8 << 20)
        #expect(plan.partSize == 8 << 20)
        #expect(plan.parts.count == 13)
    }
}
