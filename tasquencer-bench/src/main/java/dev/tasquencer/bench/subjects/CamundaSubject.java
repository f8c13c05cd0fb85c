package dev.tasquencer.bench.subjects;

import dev.tasquencer.bench.jdbc.CountingDataSource;
import dev.tasquencer.bench.measure.Probe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Embedded Camunda 7.22.0 with history level audit, the job executor and the periodic metrics
 * reporter off, its default id generator and JDBC batching, on the same kind of pool as ours.
 */
public final class CamundaSubject implements Subject {

  /** The no-op service task. */
  public static final class Noop implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      Probe.tick();
    }
  }

  private final CountingDataSource dataSource;
  private final ProcessEngine engine;

  public CamundaSubject(CountingDataSource dataSource, String engineName) {
    this.dataSource = dataSource;
    ProcessEngineConfigurationImpl cfg = new StandaloneProcessEngineConfiguration();
    cfg.setProcessEngineName(engineName);
    cfg.setDataSource(dataSource);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    cfg.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
    cfg.setJobExecutorActivate(false);
    cfg.setDbMetricsReporterActivate(false);
    this.engine = cfg.buildProcessEngine();
    DeploymentBuilder d = engine.getRepositoryService().createDeployment().name("bench");
    for (String[] p : Bpmn.processes(Bpmn.Vendor.CAMUNDA, Noop.class.getName())) {
      d.addString(p[0] + ".bpmn", p[1]);
    }
    d.deploy();
  }

  @Override
  public String id() {
    return "camunda";
  }

  @Override
  public CountingDataSource dataSource() {
    return dataSource;
  }

  private ProcessInstance start(String key, Map<String, Object> variables) {
    return engine.getRuntimeService().startProcessInstanceByKey(key, variables);
  }

  @Override
  public Object oneTaskManyItems(int n) {
    return start("w1", Map.of("n", n));
  }

  @Override
  public Object sequenceOfTen() {
    return start("w2", Map.of());
  }

  @Override
  public Object andSplitJoin() {
    return start("w3", Map.of());
  }

  @Override
  public List<Object> waitingInstances(int k) {
    List<Object> tasks = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      ProcessInstance pi = start("w4", Map.of());
      Task a =
          engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
      tasks.add(a.getId());
    }
    return tasks;
  }

  @Override
  public void completeWaiting(Object handle) {
    engine.getTaskService().complete((String) handle);
  }

  @Override
  public Object splitJoinNet(boolean orJoin, List<Integer> branches) {
    Map<String, Object> vars = new HashMap<>();
    for (int b = 1; b <= W5_BRANCHES; b++) {
      vars.put("b" + b, branches.contains(b));
    }
    return start(orJoin ? "w5or" : "w5and", vars);
  }

  @Override
  public boolean ended(Object handle) {
    String id = ((ProcessInstance) handle).getId();
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count()
            == 0
        && engine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(id)
                .finished()
                .count()
            == 1;
  }

  @Override
  public boolean waitsAtSecond(Object handle) {
    var done =
        engine.getHistoryService().createHistoricTaskInstanceQuery().taskId((String) handle)
            .singleResult();
    if (done == null || done.getEndTime() == null) {
      return false;
    }
    List<Task> open =
        engine.getTaskService().createTaskQuery().processInstanceId(done.getProcessInstanceId())
            .list();
    return open.size() == 1 && open.get(0).getTaskDefinitionKey().equals("B");
  }

  @Override
  public String settings() {
    var cfg = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return "history level "
        + cfg.getHistoryLevel().getName()
        + ", id generator "
        + cfg.getIdGenerator().getClass().getSimpleName()
        + ", jdbc batching "
        + (cfg.isJdbcBatchProcessing() ? "on" : "off")
        + ", job executor off";
  }

  @Override
  public void close() {
    engine.close();
  }
}
