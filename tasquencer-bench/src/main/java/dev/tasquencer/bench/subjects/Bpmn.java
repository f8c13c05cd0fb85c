package dev.tasquencer.bench.subjects;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the benchmark's processes as BPMN 2.0 XML, for Flowable ({@code flowable:} extensions) or
 * Camunda 7 ({@code camunda:} extensions). The processes mirror our workflows element by element:
 * an automatic task is a service task with a no-op Java delegate, a waiting task a user task.
 */
final class Bpmn {

  /** The engine whose extension namespace the XML uses. */
  enum Vendor {
    FLOWABLE("flowable", "http://flowable.org/bpmn", ""),
    CAMUNDA("camunda", "http://camunda.org/schema/1.0/bpmn", " camunda:historyTimeToLive=\"P1D\"");

    final String prefix;
    final String namespace;
    final String processAttributes;

    Vendor(String prefix, String namespace, String processAttributes) {
      this.prefix = prefix;
      this.namespace = namespace;
      this.processAttributes = processAttributes;
    }
  }

  private final Vendor vendor;
  private final String delegateClass;
  private final StringBuilder xml = new StringBuilder();
  private int flows;

  private Bpmn(Vendor vendor, String processId, String delegateClass) {
    this.vendor = vendor;
    this.delegateClass = delegateClass;
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"")
        .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
        .append(" xmlns:")
        .append(vendor.prefix)
        .append("=\"")
        .append(vendor.namespace)
        .append("\" targetNamespace=\"http://tasquencer.dev/bench\">\n")
        .append("<process id=\"")
        .append(processId)
        .append("\" isExecutable=\"true\"")
        .append(vendor.processAttributes)
        .append(">\n");
  }

  private Bpmn start() {
    xml.append("<startEvent id=\"start\"/>\n");
    return this;
  }

  private Bpmn end() {
    xml.append("<endEvent id=\"end\"/>\n");
    return this;
  }

  private Bpmn service(String id) {
    xml.append("<serviceTask id=\"")
        .append(id)
        .append("\" ")
        .append(vendor.prefix)
        .append(":class=\"")
        .append(delegateClass)
        .append("\"/>\n");
    return this;
  }

  private Bpmn parallelMultiInstanceService(String id, String cardinality) {
    xml.append("<serviceTask id=\"")
        .append(id)
        .append("\" ")
        .append(vendor.prefix)
        .append(":class=\"")
        .append(delegateClass)
        .append("\">\n")
        .append("  <multiInstanceLoopCharacteristics isSequential=\"false\">\n")
        .append("    <loopCardinality>")
        .append(cardinality)
        .append("</loopCardinality>\n")
        .append("  </multiInstanceLoopCharacteristics>\n")
        .append("</serviceTask>\n");
    return this;
  }

  private Bpmn user(String id) {
    xml.append("<userTask id=\"").append(id).append("\"/>\n");
    return this;
  }

  private Bpmn gateway(String kind, String id) {
    xml.append("<").append(kind).append(" id=\"").append(id).append("\"/>\n");
    return this;
  }

  private Bpmn flow(String from, String to) {
    return flow(from, to, null);
  }

  private Bpmn flow(String from, String to, @Nullable String condition) {
    xml.append("<sequenceFlow id=\"f")
        .append(++flows)
        .append("\" sourceRef=\"")
        .append(from)
        .append("\" targetRef=\"")
        .append(to)
        .append("\"");
    if (condition == null) {
      xml.append("/>\n");
    } else {
      xml.append(">\n  <conditionExpression xsi:type=\"tFormalExpression\">")
          .append("<![CDATA[")
          .append(condition)
          .append("]]></conditionExpression>\n")
          .append("</sequenceFlow>\n");
    }
    return this;
  }

  private String xml() {
    return xml.append("</process>\n</definitions>\n").toString();
  }

  /** Every process of the benchmark: process id and XML. */
  static List<String[]> processes(Vendor vendor, String delegateClass) {
    return List.of(
        new String[] {"w1", w1(vendor, delegateClass)},
        new String[] {"w2", w2(vendor, delegateClass)},
        new String[] {"w3", w3(vendor, delegateClass)},
        new String[] {"w4", w4(vendor, delegateClass)},
        new String[] {"w5or", w5(vendor, delegateClass, true)},
        new String[] {"w5and", w5(vendor, delegateClass, false)});
  }

  /** W1: a parallel multi-instance service task with {@code n} instances. */
  static String w1(Vendor v, String cls) {
    return new Bpmn(v, "w1", cls)
        .start()
        .parallelMultiInstanceService("items", "${n}")
        .end()
        .flow("start", "items")
        .flow("items", "end")
        .xml();
  }

  /** W2: ten service tasks in sequence. */
  static String w2(Vendor v, String cls) {
    Bpmn b = new Bpmn(v, "w2", cls).start().end();
    String prev = "start";
    for (int i = 1; i <= 10; i++) {
      b.service("t" + i).flow(prev, "t" + i);
      prev = "t" + i;
    }
    return b.flow(prev, "end").xml();
  }

  /** W3: a service task, a parallel fork into 4 service tasks, a parallel join, a service task. */
  static String w3(Vendor v, String cls) {
    Bpmn b =
        new Bpmn(v, "w3", cls)
            .start()
            .service("split")
            .gateway("parallelGateway", "fork")
            .gateway("parallelGateway", "merge")
            .service("join")
            .end()
            .flow("start", "split")
            .flow("split", "fork");
    for (int i = 1; i <= 4; i++) {
      b.service("b" + i).flow("fork", "b" + i).flow("b" + i, "merge");
    }
    return b.flow("merge", "join").flow("join", "end").xml();
  }

  /** W4: two user tasks in sequence. */
  static String w4(Vendor v, String cls) {
    return new Bpmn(v, "w4", cls)
        .start()
        .user("A")
        .user("B")
        .end()
        .flow("start", "A")
        .flow("A", "B")
        .flow("B", "end")
        .xml();
  }

  /**
   * W5: service task S, a split gateway into 6 branches of 3 service tasks, a join gateway, a
   * service task J: inclusive gateways with conditions on the variables b1..b6, or parallel ones.
   */
  static String w5(Vendor v, String cls, boolean inclusive) {
    String kind = inclusive ? "inclusiveGateway" : "parallelGateway";
    Bpmn b =
        new Bpmn(v, inclusive ? "w5or" : "w5and", cls)
            .start()
            .service("S")
            .gateway(kind, "fork")
            .gateway(kind, "merge")
            .service("J")
            .end()
            .flow("start", "S")
            .flow("S", "fork");
    for (int br = 1; br <= Subject.W5_BRANCHES; br++) {
      String first = Subject.w5Task(br, 1);
      b.flow("fork", first, inclusive ? "${b" + br + "}" : null);
      for (int t = 1; t <= Subject.W5_BRANCH_LENGTH; t++) {
        b.service(Subject.w5Task(br, t));
        if (t > 1) {
          b.flow(Subject.w5Task(br, t - 1), Subject.w5Task(br, t));
        }
      }
      b.flow(Subject.w5Task(br, Subject.W5_BRANCH_LENGTH), "merge");
    }
    return b.flow("merge", "J").flow("J", "end").xml();
  }
}
